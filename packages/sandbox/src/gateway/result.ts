export type ResultStatus = 'S' | 'F' | 'U';

export interface Result {
  resultCode: string;
  resultStatus: ResultStatus;
  resultMessage: string;
}

export type ApiBody = Record<string, unknown> & { result: Result };

/** A call that Antom refuses: answered as HTTP 200 with this `result`, never as an exception to the caller. */
export class GatewayError extends Error {
  readonly resultCode: string;
  readonly resultStatus: ResultStatus;
  constructor(resultCode: string, message: string, resultStatus: ResultStatus = 'F') {
    super(message);
    this.name = 'GatewayError';
    this.resultCode = resultCode;
    this.resultStatus = resultStatus;
  }
}

export function success(fields: Record<string, unknown> = {}): ApiBody {
  return { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }, ...fields };
}

export function resultOf(resultCode: string, resultStatus: ResultStatus, resultMessage: string): ApiBody {
  return { result: { resultCode, resultStatus, resultMessage } };
}

/** Errors after which Antom answers without signing (it could not trust who asked). */
export const UNSIGNED_CODES = new Set(['INVALID_SIGNATURE', 'KEY_NOT_FOUND', 'INVALID_CLIENT']);
