import { antomTime } from '../time';
import type { Handler, HandlerContext } from './context';
import { oneOf, requireString } from './fields';
import { GatewayError, success } from './result';

const MAX_EVIDENCE_CHARS = 1_000_000;
// A tiny valid PDF, so a downloaded template opens.
const TEMPLATE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

function dispute(ctx: HandlerContext) {
  const disputeId = requireString(ctx.body, 'disputeId', 64);
  const d = ctx.rt.store.findDispute(ctx.owner, disputeId);
  if (!d) throw new GatewayError('PARAM_ILLEGAL', 'disputeId does not match a dispute of this merchant.');
  return d;
}

export const acceptDispute: Handler = (ctx) => {
  const d = dispute(ctx);
  if (d.status !== 'OPEN')
    throw new GatewayError('REPEAT_REQUEST', `The dispute was already ${d.status.toLowerCase()}.`);
  d.status = 'ACCEPTED';
  d.resolutionTime = antomTime();
  ctx.rt.notifyDispute(d, 'DISPUTE_ACCEPTED');
  return success({ disputeId: d.disputeId, disputeResolutionTime: d.resolutionTime });
};

export const supplyDefenseDocument: Handler = (ctx) => {
  const d = dispute(ctx);
  const evidence = requireString(ctx.body, 'disputeEvidence', MAX_EVIDENCE_CHARS);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(evidence)) {
    throw new GatewayError('PARAM_ILLEGAL', 'disputeEvidence must be base64.');
  }
  if (d.status === 'DEFENDED') throw new GatewayError('DEFENSE_EXCEED_LIMIT', 'A defense was already supplied.');
  if (d.status !== 'OPEN')
    throw new GatewayError('REPEAT_REQUEST', `The dispute was already ${d.status.toLowerCase()}.`);
  if (Date.now() > Date.parse(d.defenseDueTime)) {
    throw new GatewayError('TIME_EXCEEDS_LIMIT', 'The defense due time has passed.');
  }
  d.status = 'DEFENDED';
  d.evidence = evidence;
  d.resolutionTime = antomTime();
  ctx.rt.notifyDispute(d, 'DEFENSE_SUPPLIED');
  ctx.rt.judgeLater(d);
  return success({ disputeId: d.disputeId, disputeResolutionTime: d.resolutionTime });
};

export const downloadDisputeEvidence: Handler = (ctx) => {
  const d = dispute(ctx);
  const type = oneOf(ctx.body, 'disputeEvidenceType', ['DISPUTE_EVIDENCE_TEMPLATE', 'DISPUTE_EVIDENCE_FILE'] as const);
  if (type === 'DISPUTE_EVIDENCE_FILE' && !d.evidence) {
    throw new GatewayError('PARAM_ILLEGAL', 'No evidence was supplied for this dispute yet.');
  }
  return success({
    disputeEvidence: type === 'DISPUTE_EVIDENCE_FILE' ? d.evidence : TEMPLATE_PDF,
    disputeEvidenceFormat: 'PDF',
  });
};
