import { AntomApiError, AntomConfigError, AntomError } from '../errors';
import type { PaymentJsonReply } from './types';

/** A refusal the payment routes answer themselves, with its HTTP status. */
export class PaymentRouteError extends AntomError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

export function jsonReply(status: number, json: unknown, headers: Record<string, string> = {}): PaymentJsonReply {
  return { kind: 'json', status, headers, json };
}

export function errorJson(status: number, code: string, message: string, headers?: Record<string, string>) {
  return jsonReply(status, { error: { code, message } }, headers);
}

/**
 * The JSON answer for a known failure: the routes' own refusals, Antom's `F` (422 with its result code), transport
 * errors and unknown outcomes (502). `undefined` for anything else (config errors, the app's own errors): those go
 * to the framework's error handling.
 */
export function paymentErrorReply(error: unknown): PaymentJsonReply | undefined {
  if (error instanceof PaymentRouteError) return errorJson(error.status, error.code, error.message, error.headers);
  if (error instanceof AntomApiError) return errorJson(422, error.resultCode, error.resultMessage);
  if (error instanceof AntomError && !(error instanceof AntomConfigError)) {
    return errorJson(502, error.code, error.message);
  }
  return undefined;
}
