/**
 * Every error antomkit throws is an AntomError with a stable `code`; messages say what to do next and never
 * contain key material or full signatures.
 */
export class AntomError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A key could not be loaded: wrong format, wrong type, or unreadable. */
export class AntomKeyError extends AntomError {}

/** A client or receiver option is missing or invalid; thrown at construction. */
export class AntomConfigError extends AntomError {}

/** A `Signature` header could not be parsed, or a signature did not verify. */
export class AntomSignatureError extends AntomError {}

/** Antom answered `resultStatus: "F"` (or a `U` that is not "go on"). */
export class AntomApiError extends AntomError {
  readonly resultCode: string;
  readonly resultStatus: string;
  readonly resultMessage: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly response: unknown;

  constructor(init: {
    resultCode: string;
    resultStatus: string;
    resultMessage: string;
    path: string;
    requestId?: string | undefined;
    response?: unknown;
  }) {
    super(
      init.resultCode,
      `Antom ${init.path} answered ${init.resultStatus}/${init.resultCode}: ${init.resultMessage}${
        init.requestId ? ` (request id ${init.requestId})` : ''
      }`,
    );
    this.resultCode = init.resultCode;
    this.resultStatus = init.resultStatus;
    this.resultMessage = init.resultMessage;
    this.path = init.path;
    this.requestId = init.requestId;
    this.response = init.response;
  }
}

/** Where a client call failed: the API path, its `*RequestId`, the attempt count and what Antom or HTTP said. */
export interface AntomCallDetails {
  cause?: unknown;
  path?: string;
  requestId?: string | undefined;
  attempts?: number;
  status?: number | undefined;
  resultCode?: string | undefined;
}

/** Retries ran out while the outcome was still unknown; inquire before trying anything else. */
export class AntomUnknownOutcomeError extends AntomError {
  readonly path: string | undefined;
  readonly requestId: string | undefined;
  readonly resultCode: string | undefined;
  readonly attempts: number | undefined;

  constructor(code: string, message: string, options?: AntomCallDetails) {
    super(code, message, options);
    this.path = options?.path;
    this.requestId = options?.requestId;
    this.resultCode = options?.resultCode;
    this.attempts = options?.attempts;
  }
}

/** The request never got a usable HTTP answer: network error, timeout, abort, non-200 status. */
export class AntomTransportError extends AntomError {
  readonly path: string | undefined;
  readonly requestId: string | undefined;
  readonly status: number | undefined;
  readonly attempts: number | undefined;

  constructor(code: string, message: string, options?: AntomCallDetails) {
    super(code, message, options);
    this.path = options?.path;
    this.requestId = options?.requestId;
    this.status = options?.status;
    this.attempts = options?.attempts;
  }
}

/** A response from Antom was unsigned where a signature is required, or its signature did not verify. */
export class AntomResponseSignatureError extends AntomSignatureError {}

/** A notification was rejected before any handler ran (bad signature, malformed body, misused adapter). */
export class AntomNotificationError extends AntomError {}
