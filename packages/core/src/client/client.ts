import type { AntomRequestBody, AntomResponse } from '../api/common';
import { AntomApiError, AntomError, AntomTransportError, AntomUnknownOutcomeError } from '../errors';
import { signRequest } from '../signature';
import { type AntomClientOptions, checkHeaderValue, checkNumber, type ResolvedConfig, resolveConfig } from './config';
import { ENDPOINTS } from './endpoints';
import { runHook } from './hooks';
import { requestIdOf, resolveApiPath } from './paths';
import { verifyResponse } from './response';
import { backoffDelay, GO_ON_RESULT_CODES, parseRetryAfter, RETRY_RESULT_CODES, sleep } from './retry';
import { AttemptFailure, createTransport, type SentResponse, send, type Transport } from './transport';
import type { AntomApi, AntomCallOptions } from './types';

interface Shared {
  config: ResolvedConfig;
  transport: Transport;
  closed: boolean;
}

/** What one attempt led to: a final answer, or a reason to try the same bytes again. */
type AttemptOutcome =
  | { kind: 'done'; response: AntomResponse; signed: boolean }
  | { kind: 'retry'; error: AntomError; retryAfterMs: number | undefined };

const INQUIRY_HINT: Record<string, string> = {
  paymentRequestId: 'antom.payments.inquiryPayment({ paymentRequestId })',
  refundRequestId: 'antom.payments.inquiryRefund({ refundRequestId })',
};

function buildApi(
  tree: object,
  call: (path: string, body: unknown, options?: AntomCallOptions) => Promise<unknown>,
): unknown {
  const api: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tree)) {
    api[name] =
      typeof value === 'string'
        ? (body: unknown, options?: AntomCallOptions) => call(value, body, options)
        : buildApi(value as object, call);
  }
  return Object.freeze(api);
}

function serialise(body: unknown): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(JSON.stringify(body ?? {}), 'utf8');
}

/**
 * The Antom API client. Signs every request, verifies every response before parsing it, and retries only
 * what is safe to retry, always with the identical bytes and request id.
 *
 * Retries resend the exact request of the first attempt: same body bytes, same Request-Time and Signature.
 * Antom documents no freshness window, and a byte-identical resend is the safest idempotent retry.
 */
export class AntomClient implements AntomApi {
  // Installed from the ENDPOINTS table in init(); `implements AntomApi` keeps this list complete.
  declare readonly payments: AntomApi['payments'];
  declare readonly authorizations: AntomApi['authorizations'];
  declare readonly vaults: AntomApi['vaults'];
  declare readonly subscriptions: AntomApi['subscriptions'];
  declare readonly merchants: AntomApi['merchants'];
  declare readonly accounts: AntomApi['accounts'];
  declare readonly funds: AntomApi['funds'];
  declare readonly customs: AntomApi['customs'];
  declare readonly risk: AntomApi['risk'];
  declare readonly users: AntomApi['users'];
  declare readonly tax: AntomApi['tax'];
  declare readonly meter: AntomApi['meter'];
  declare readonly billing: AntomApi['billing'];
  declare readonly aba: AntomApi['aba'];
  private shared!: Shared;
  private agentToken: string | undefined;

  constructor(options: AntomClientOptions) {
    const config = resolveConfig(options);
    this.init(
      { config, transport: createTransport(config.origin, config.timeoutMs, config.dispatcher), closed: false },
      config.agentToken,
    );
  }

  private init(shared: Shared, agentToken: string | undefined): void {
    this.shared = shared;
    this.agentToken = agentToken;
    Object.assign(
      this,
      buildApi(ENDPOINTS, (path, body, options) => this.call(path, body, options)),
    );
  }

  /** The origin calls go to, e.g. `https://open-sea-global.alipay.com`. */
  get origin(): string {
    return this.shared.config.origin;
  }

  get clientId(): string {
    return this.shared.config.clientId;
  }

  /** ISV mode: a view that sends this merchant's `Agent-Token` and shares this client's connection pool. */
  withAgentToken(agentToken: string): AntomClient {
    const view = Object.create(AntomClient.prototype) as AntomClient;
    view.init(this.shared, checkHeaderValue('agentToken', agentToken));
    return view;
  }

  /**
   * Calls any Antom path, for endpoints newer than this package: `/v1/...` or `/ams/api/v1/...`. An object body
   * is serialised once; a string or bytes body is sent exactly as given.
   */
  request<Res extends AntomResponse = AntomResponse>(
    path: string,
    body: AntomRequestBody | string | Uint8Array,
    options?: AntomCallOptions,
  ): Promise<Res> {
    return this.call(path, body, options) as Promise<Res>;
  }

  /** Closes the connection pool (shared by every withAgentToken view). An injected dispatcher is left open. */
  async close(): Promise<void> {
    if (this.shared.closed) return;
    this.shared.closed = true;
    if (this.shared.transport.owned) await this.shared.transport.dispatcher.close();
  }

  private async call(path: string, body: unknown, options: AntomCallOptions = {}): Promise<AntomResponse> {
    const { config, transport } = this.shared;
    if (this.shared.closed)
      throw new AntomTransportError('CLIENT_CLOSED', 'This AntomClient was closed; create a new one.');
    const apiPath = resolveApiPath(path, config.sandbox);
    const timeoutMs = checkNumber('timeoutMs', options.timeoutMs, config.timeoutMs, 1, 600_000);
    const maxRetries = checkNumber('maxRetries', options.maxRetries, config.maxRetries, 0, 10, true);
    const agentToken =
      options.agentToken === undefined ? this.agentToken : checkHeaderValue('agentToken', options.agentToken);
    const requestId = requestIdOf(body);

    const bytes = serialise(body);
    const time = String(Date.now());
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=UTF-8',
      'Client-Id': config.clientId,
      'Request-Time': time,
      Signature: signRequest({
        path: apiPath,
        clientId: config.clientId,
        time,
        body: bytes,
        privateKey: config.privateKey,
        keyVersion: config.keyVersion,
      }),
    };
    if (agentToken !== undefined) headers['Agent-Token'] = agentToken;

    const details = { path: apiPath, requestId };
    // events are built only for hooks that exist: this loop runs on every payment call
    const { hooks } = config;
    for (let attempt = 1; ; attempt++) {
      if (hooks.onRequest) runHook(hooks.onRequest, { ...details, attempt });
      const started = performance.now();
      let sent: SentResponse | undefined;
      let outcome: AttemptOutcome;
      try {
        sent = await send({
          transport,
          origin: config.origin,
          path: apiPath,
          headers,
          body: bytes,
          timeoutMs,
          signal: options.signal,
          maxResponseBytes: config.maxResponseBytes,
        });
        outcome = this.interpret(sent, apiPath, requestId, attempt);
      } catch (error) {
        const failed = this.toError(error, details, attempt);
        if (hooks.onResponse)
          runHook(hooks.onResponse, {
            ...details,
            attempt,
            status: sent?.status,
            resultCode: (failed.error as { resultCode?: string }).resultCode,
            resultStatus: (failed.error as { resultStatus?: string }).resultStatus,
            durationMs: performance.now() - started,
            errorCode: failed.error.code,
            signed: undefined,
          });
        if (!failed.retryable) throw failed.error;
        outcome = { kind: 'retry', error: failed.error, retryAfterMs: undefined };
      }
      const durationMs = performance.now() - started;
      if (outcome.kind === 'done') {
        if (hooks.onResponse)
          runHook(hooks.onResponse, {
            ...details,
            attempt,
            status: sent?.status,
            resultCode: outcome.response.result.resultCode,
            resultStatus: outcome.response.result.resultStatus,
            durationMs,
            errorCode: undefined,
            signed: outcome.signed,
          });
        return outcome.response;
      }
      const { error } = outcome;
      if (sent && hooks.onResponse) {
        runHook(hooks.onResponse, {
          ...details,
          attempt,
          status: sent.status,
          resultCode: (error as { resultCode?: string }).resultCode,
          resultStatus: undefined,
          durationMs,
          errorCode: error.code,
          signed: undefined,
        });
      }
      if (attempt > maxRetries) throw this.exhausted(error, details, attempt);
      const backoff = backoffDelay(attempt, config.retryBaseDelayMs, config.retryMaxDelayMs);
      const delayMs = Math.min(config.retryMaxDelayMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
      if (hooks.onRetry)
        runHook(hooks.onRetry, {
          ...details,
          attempt,
          status: sent?.status,
          resultCode: (error as { resultCode?: string }).resultCode,
          resultStatus: undefined,
          durationMs,
          errorCode: error.code,
          signed: undefined,
          delayMs,
        });
      try {
        await sleep(delayMs, options.signal);
      } catch (reason) {
        throw new AntomTransportError('ABORTED', `The call to ${apiPath} was aborted while waiting to retry.`, {
          ...details,
          attempts: attempt,
          cause: reason,
        });
      }
    }
  }

  /** Maps one verified HTTP answer to a result, a retry, or a thrown error. */
  private interpret(sent: SentResponse, path: string, requestId: string | undefined, attempt: number): AttemptOutcome {
    const { config } = this.shared;
    if (sent.status !== 200) {
      const error = new AntomTransportError('HTTP_STATUS', `Antom answered ${path} with HTTP ${sent.status}.`, {
        path,
        requestId,
        status: sent.status,
        attempts: attempt,
      });
      if (sent.status === 429 || sent.status >= 500) {
        const value = sent.headers['retry-after'];
        return { kind: 'retry', error, retryAfterMs: parseRetryAfter(Array.isArray(value) ? value[0] : value) };
      }
      throw error;
    }
    const verified = verifyResponse(sent, { path, clientId: config.clientId, antomKeys: config.antomKeys });
    const { result } = verified;
    const response = verified.body as AntomResponse;
    const bodyRequestId = requestIdOf(response) ?? requestId;
    if (result.resultStatus === 'S') return { kind: 'done', response, signed: verified.signed };
    // Antom sends some U answers unsigned and its SDKs accept them (F/U only); the onResponse hook says so.
    if (result.resultStatus === 'U' && GO_ON_RESULT_CODES.has(result.resultCode))
      return { kind: 'done', response, signed: verified.signed };
    if (result.resultStatus === 'U') {
      const error = new AntomUnknownOutcomeError(result.resultCode, '', {
        path,
        requestId: bodyRequestId,
        resultCode: result.resultCode,
        attempts: attempt,
      });
      if (RETRY_RESULT_CODES.has(result.resultCode)) return { kind: 'retry', error, retryAfterMs: undefined };
      throw this.exhausted(error, { path, requestId: bodyRequestId }, attempt);
    }
    throw new AntomApiError({
      resultCode: result.resultCode,
      resultStatus: result.resultStatus,
      resultMessage: result.resultMessage.slice(0, 300),
      path,
      requestId: bodyRequestId,
    });
  }

  private toError(
    error: unknown,
    details: { path: string; requestId: string | undefined },
    attempt: number,
  ): { error: AntomError; retryable: boolean } {
    if (error instanceof AttemptFailure) {
      const message =
        error.code === 'ABORTED'
          ? `The call to ${details.path} was aborted. If it was sent, its outcome is unknown: inquire before retrying with a new request id.`
          : `The call to ${details.path} failed: ${error.message}.`;
      return {
        error: new AntomTransportError(error.code, message, { ...details, attempts: attempt, cause: error.cause }),
        retryable: error.retryable,
      };
    }
    if (error instanceof AntomError) return { error, retryable: false };
    return {
      error: new AntomTransportError('UNEXPECTED', `The call to ${details.path} failed unexpectedly.`, {
        ...details,
        attempts: attempt,
        cause: error,
      }),
      retryable: false,
    };
  }

  /** The error thrown once retries are used up (or not allowed) and the outcome is still unknown. */
  private exhausted(
    error: AntomError,
    details: { path: string; requestId: string | undefined },
    attempts: number,
  ): AntomError {
    const inquire = this.inquiryHint(details.path);
    if (error instanceof AntomUnknownOutcomeError) {
      return new AntomUnknownOutcomeError(
        error.code,
        `Antom answered ${details.path} with U/${error.resultCode} after ${attempts} attempt(s); the outcome is unknown. ${inquire}${details.requestId ? ` (request id ${details.requestId})` : ''}`,
        { ...details, resultCode: error.resultCode, attempts },
      );
    }
    if (error instanceof AntomTransportError) {
      return new AntomTransportError(
        error.code,
        `${error.message} Gave up after ${attempts} attempt(s). If the request reached Antom its outcome is unknown: ${inquire}`,
        { ...details, status: error.status, attempts, cause: error.cause },
      );
    }
    return error;
  }

  private inquiryHint(path: string): string {
    if (/\/inquir|\/query|\/retrieve/i.test(path)) return 'Call it again later.';
    if (path.endsWith('/refund'))
      return `Inquire with ${INQUIRY_HINT.refundRequestId} before retrying with a new refundRequestId.`;
    return `Inquire with ${INQUIRY_HINT.paymentRequestId} (or inquiryRefund for a refund) before retrying with a new request id.`;
  }
}
