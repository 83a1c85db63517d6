import type { AntomResponse, DateTime } from './common';

export interface AcceptDisputeRequest {
  disputeId: string;
}

export interface AcceptDisputeResponse extends AntomResponse {
  disputeId?: string;
  disputeResolutionTime?: DateTime;
}

export interface SupplyDefenseDocumentRequest {
  disputeId: string;
  /** Base64 of the evidence file, at most 1,000,000 characters. */
  disputeEvidence: string;
}

export interface SupplyDefenseDocumentResponse extends AntomResponse {
  disputeId?: string;
  disputeResolutionTime?: DateTime;
}

export interface DownloadDisputeEvidenceRequest {
  disputeId: string;
  disputeEvidenceType: 'DISPUTE_EVIDENCE_TEMPLATE' | 'DISPUTE_EVIDENCE_FILE' | (string & {});
}

export interface DownloadDisputeEvidenceResponse extends AntomResponse {
  /** Base64 of the file. */
  disputeEvidence?: string;
  disputeEvidenceFormat?: 'PDF' | 'WORD' | (string & {});
}
