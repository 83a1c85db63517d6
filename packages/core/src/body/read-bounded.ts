import type { IncomingMessage } from 'node:http';
import { AntomNotificationError } from '../errors';

/** A body read up to a limit. */
export interface BoundedBody {
  /** The bytes read: at most `limit + 1` of them, so a longer body shows as longer without being buffered. */
  body: Buffer;
  /** The body was longer than the limit and the rest was dropped: answer 413 and close the connection. */
  truncated: boolean;
}

type NodeStream = Pick<IncomingMessage, 'on' | 'off' | 'resume' | 'readableEnded' | 'destroyed'> & {
  headers?: IncomingMessage['headers'];
};

/**
 * Reads an unread body: a Node request (or any Readable) or an async iterable of chunks such as a fetch body.
 * Stops one byte past `limit`: a Node stream is then drained unbuffered (reply with `Connection: close`), an
 * iterable is cancelled. A declared `content-length` over the limit is refused before a byte is read.
 */
export function readBoundedBody(
  source: IncomingMessage | AsyncIterable<Uint8Array>,
  limit: number,
  declaredLength?: string | number | null,
): Promise<BoundedBody> {
  const stream = isNodeStream(source) ? source : undefined;
  const declared = Number(declaredLength ?? stream?.headers?.['content-length'] ?? Number.NaN);
  const tooLong = Number.isFinite(declared) && declared > limit;
  if (stream) return tooLong ? Promise.resolve(drop(stream, limit)) : readStream(stream, limit);
  return readIterable(source as AsyncIterable<Uint8Array>, limit, tooLong);
}

function isNodeStream(source: unknown): source is NodeStream {
  const s = source as Partial<NodeStream>;
  return typeof s.on === 'function' && typeof s.off === 'function' && typeof s.resume === 'function';
}

function join(chunks: Uint8Array[], size: number, limit: number): Buffer {
  const only = chunks[0];
  if (chunks.length === 1 && Buffer.isBuffer(only) && size <= limit + 1) return only;
  return Buffer.concat(chunks, Math.min(size, limit + 1));
}

/** Drops whatever else arrives instead of buffering it. */
function drop(stream: NodeStream, limit: number, head: Buffer = Buffer.alloc(limit + 1)): BoundedBody {
  stream.resume();
  return { body: head, truncated: true };
}

function readStream(stream: NodeStream, limit: number): Promise<BoundedBody> {
  if (stream.readableEnded) {
    const message = 'The request body was already read by something else; read it before any other middleware.';
    return Promise.reject(new AntomNotificationError('BODY_ALREADY_READ', message));
  }
  if (stream.destroyed) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > limit) {
        cleanup();
        resolve(drop(stream, limit, join(chunks, size, limit)));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({ body: join(chunks, size, limit), truncated: false });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(aborted(error));
    };
    const onClose = () => {
      cleanup();
      reject(aborted());
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

async function readIterable(source: AsyncIterable<Uint8Array>, limit: number, tooLong: boolean): Promise<BoundedBody> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (!tooLong) {
    const { done, value } = await iterator.next();
    if (done) return { body: join(chunks, size, limit), truncated: false };
    chunks.push(value);
    size += value.byteLength;
    tooLong = size > limit;
  }
  await iterator.return?.().catch(() => {});
  return { body: size > limit ? join(chunks, size, limit) : Buffer.alloc(limit + 1), truncated: true };
}

/** Node reports a client that went away as an `aborted` error, or as a bare `close`. */
function aborted(cause?: Error): AntomNotificationError {
  const message = 'The client closed the connection before the body ended.';
  return new AntomNotificationError('BODY_ABORTED', message, cause ? { cause } : undefined);
}
