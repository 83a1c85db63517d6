/** What one attempt is about; never bodies, keys or signatures. */
export interface AntomRequestEvent {
  /** The path that was signed and called, e.g. `/ams/api/v1/payments/pay`. */
  path: string;
  /** The body's `*RequestId` (paymentRequestId, refundRequestId, ...), when it has one. */
  requestId: string | undefined;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface AntomResponseEvent extends AntomRequestEvent {
  /** HTTP status, or undefined when no response arrived. */
  status: number | undefined;
  resultCode: string | undefined;
  resultStatus: string | undefined;
  durationMs: number;
  /** The error code when the attempt failed (e.g. TIMEOUT, NETWORK, SIGNATURE_INVALID). */
  errorCode: string | undefined;
  /**
   * For a returned answer: whether it carried a valid signature. `false` only for an unsigned `U` such as
   * PAYMENT_IN_PROCESS, which Antom's rule (F/U may be unsigned) lets through; undefined when the attempt failed.
   */
  signed: boolean | undefined;
}

export interface AntomRetryEvent extends AntomResponseEvent {
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

export interface AntomHooks {
  onRequest?: (event: AntomRequestEvent) => void;
  onResponse?: (event: AntomResponseEvent) => void;
  onRetry?: (event: AntomRetryEvent) => void;
}

/** A throwing hook must never change the outcome of a payment call. */
export function runHook<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // observability only
  }
}
