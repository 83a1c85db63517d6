import type { IncomingMessage } from 'node:http';
import { AntomNotificationError } from '@antomkit/core';

export const BODY_ALREADY_PARSED_FIX =
  "mount antomNotifications() before express.json(), or use express.raw({ type: 'application/json' }) on this route, " +
  'or keep the raw body with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })';

type ParsedRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; _body?: boolean };

/** The bytes a body parser kept: `req.rawBody` (Buffer or string), or a Buffer body from `express.raw()`. */
function keptRawBody(req: ParsedRequest): Buffer | string | undefined {
  const { rawBody, body } = req;
  if (Buffer.isBuffer(rawBody) || typeof rawBody === 'string') return rawBody;
  if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  if (Buffer.isBuffer(body) || typeof body === 'string') return body;
  return undefined;
}

/** True when something already read the request stream (body-parser marks `_body`; on-finished's rule otherwise). */
function streamConsumed(req: ParsedRequest): boolean {
  return req._body === true || req.readableEnded || (req.complete && !req.readable);
}

/**
 * The raw request body, never a re-serialisation. Reads at most `limit + 1` bytes: a longer body comes back cut
 * there, so the receiver answers 413 without the rest being buffered. Throws `BODY_ALREADY_PARSED` when a parser
 * consumed the stream and kept no raw bytes.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | string> {
  const parsed = req as ParsedRequest;
  const kept = keptRawBody(parsed);
  if (kept !== undefined) return kept;
  if (streamConsumed(parsed)) {
    throw new AntomNotificationError(
      'BODY_ALREADY_PARSED',
      `The notification body was already parsed (req.body is ${describe(parsed.body)}) and its raw bytes are gone; ` +
        `Antom signs the exact bytes, so it cannot be verified. Fix: ${BODY_ALREADY_PARSED_FIX}.`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return stopReading(req, Buffer.alloc(limit + 1));
  return new Promise<Buffer>((resolve, reject) => {
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
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
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

/** Drops whatever else arrives instead of buffering it; the reply is sent with `Connection: close`. */
function stopReading(req: IncomingMessage, head: Buffer): Buffer {
  req.resume();
  return head;
}

function describe(body: unknown): string {
  if (body === undefined) return 'undefined';
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
