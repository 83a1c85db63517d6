import { type Dispatcher, Pool, request } from 'undici';
import type { RawResponse } from './response';

export interface Transport {
  dispatcher: Dispatcher;
  /** True when the client created the pool and must destroy it on close(). */
  owned: boolean;
}

export function createTransport(origin: string, timeoutMs: number, injected: Dispatcher | undefined): Transport {
  if (injected) return { dispatcher: injected, owned: false };
  const pool = new Pool(origin, {
    connections: 32,
    keepAliveTimeout: 10_000,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { dispatcher: pool, owned: true };
}

export interface SendInput {
  transport: Transport;
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  maxResponseBytes: number;
}

export interface SentResponse extends RawResponse {
  status: number;
}

/** Why an attempt produced no usable answer; `retryable` says whether the same bytes may be sent again. */
export class AttemptFailure extends Error {
  constructor(
    readonly code: 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'RESPONSE_TOO_LARGE',
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const TIMEOUT_ERRORS = ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

function classify(error: unknown, userSignal: AbortSignal | undefined, timeoutSignal: AbortSignal): AttemptFailure {
  if (userSignal?.aborted)
    return new AttemptFailure('ABORTED', 'the call was aborted by its AbortSignal', false, {
      cause: userSignal.reason,
    });
  const code = (error as { code?: string } | undefined)?.code;
  if (timeoutSignal.aborted || (code && TIMEOUT_ERRORS.includes(code))) {
    return new AttemptFailure('TIMEOUT', 'no complete answer within timeoutMs', true, { cause: error });
  }
  if (error instanceof AttemptFailure) return error;
  const detail =
    error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : 'unknown error';
  return new AttemptFailure('NETWORK', `network error (${detail.slice(0, 200)})`, true, { cause: error });
}

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new AttemptFailure('RESPONSE_TOO_LARGE', `the answer exceeded maxResponseBytes (${limit})`, false);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** One HTTP attempt: sends the given bytes, reads the whole answer within the time limit. */
export async function send(input: SendInput): Promise<SentResponse> {
  const timeoutSignal = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeoutSignal]) : timeoutSignal;
  try {
    const response = await request(new URL(input.path, input.origin), {
      dispatcher: input.transport.dispatcher,
      method: 'POST',
      headers: input.headers,
      body: input.body,
      signal,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
    });
    const body = await readLimited(response.body, input.maxResponseBytes);
    return { status: response.statusCode, headers: response.headers, body };
  } catch (error) {
    throw classify(error, input.signal, timeoutSignal);
  }
}
