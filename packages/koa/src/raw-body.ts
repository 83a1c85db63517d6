import type { IncomingMessage } from 'node:http';
import { AntomNotificationError } from '@antomkit/core';
import type { Context } from 'koa';

export const BODY_ALREADY_PARSED_FIX =
  'register antomNotifications() before the body parser (app.use(bodyParser()) after the notification route), ' +
  'or set ctx.disableBodyParser = true for this route in a middleware in front of @koa/bodyparser, ' +
  'or keep the raw body: @koa/bodyparser keeps ctx.request.rawBody for the types it parses, ' +
  'koa-body keeps it with includeUnparsed: true';

/** koa-body's key for the unparsed body (`includeUnparsed: true`). */
const UNPARSED_BODY = Symbol.for('unparsedBody');

type ParsedRequest = IncomingMessage & { rawBody?: unknown; body?: unknown };

function asBytes(value: unknown): Buffer | string | undefined {
  if (Buffer.isBuffer(value) || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/**
 * The bytes a body parser kept: `ctx.request.rawBody` (@koa/bodyparser, koa-bodyparser), koa-body's
 * `ctx.request.body[Symbol.for('unparsedBody')]`, `ctx.req.rawBody` (patchNode), or a Buffer/string body.
 */
function keptRawBody(ctx: Context): Buffer | string | undefined {
  const request = ctx.request as Context['request'] & { rawBody?: unknown; body?: unknown };
  const body = request.body;
  return (
    asBytes(request.rawBody) ??
    (body !== null && typeof body === 'object'
      ? asBytes((body as Record<symbol, unknown>)[UNPARSED_BODY])
      : undefined) ??
    asBytes((ctx.req as ParsedRequest).rawBody) ??
    asBytes(body)
  );
}

export function streamConsumed(req: IncomingMessage): boolean {
  return req.readableEnded || (req.complete && !req.readable);
}

function describe(body: unknown): string {
  if (body === undefined) return 'undefined';
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}

/**
 * The raw request body, never a re-serialisation. Reads at most `limit + 1` bytes: a longer body comes back cut
 * there (`truncated`), so the receiver answers 413 without the rest being buffered. Throws `BODY_ALREADY_PARSED`
 * when a parser consumed the stream and kept no raw bytes.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<{ body: Buffer | string; truncated: boolean }> {
  const kept = keptRawBody(ctx);
  if (kept !== undefined) return { body: kept, truncated: false };
  const req = ctx.req;
  if (streamConsumed(req)) {
    throw new AntomNotificationError(
      'BODY_ALREADY_PARSED',
      `The notification body was already parsed (ctx.request.body is ${describe((ctx.request as { body?: unknown }).body)}) ` +
        'and its raw bytes are gone; Antom signs the exact bytes, so it cannot be verified. Fix: ' +
        `${BODY_ALREADY_PARSED_FIX}.`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return stopReading(req, Buffer.alloc(limit + 1));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > limit) {
        cleanup();
        resolve(stopReading(req, Buffer.concat(chunks).subarray(0, limit + 1)));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), truncated: false });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new AntomNotificationError('BODY_ABORTED', 'The client closed the connection before the body ended.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Drops whatever else arrives instead of buffering it; the reply then closes the connection. */
function stopReading(req: IncomingMessage, head: Buffer): { body: Buffer; truncated: true } {
  req.resume();
  return { body: head, truncated: true };
}
