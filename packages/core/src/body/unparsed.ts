import type { IncomingMessage } from 'node:http';
import { AntomNotificationError } from '../errors';
import { readBoundedBody } from './read-bounded';

/** A Node request and what the framework's body parser may have left on it. */
export interface UnparsedBodySource {
  req: IncomingMessage;
  /** Raw bytes a parser kept, preferred first: the first Buffer, Uint8Array or string is the body. */
  kept: readonly unknown[];
  /** The body as the app sees it (`req.body`), for routes that take a parsed object and for the error message. */
  parsed: unknown;
  /** Where the app finds that body, e.g. `req.body`. */
  where: string;
  /** The framework's fix, quoted in the `BODY_ALREADY_PARSED` error. */
  fix: string;
}

/** Raw bytes as received: kept by a parser (never re-serialised) or read here. */
export interface RawBody {
  body: Buffer | string;
  /** Read here and longer than the limit: cut at `limit + 1` bytes, the rest dropped. */
  truncated: boolean;
}

/** A request body as an adapter has it: the raw bytes, or the object a body parser already made of them. */
export type RequestBody = { raw: Buffer | Uint8Array | string; truncated?: boolean } | { parsed: unknown };

function asBytes(value: unknown): Buffer | string | undefined {
  if (Buffer.isBuffer(value) || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** True when something already read the stream (body-parser marks `_body`; on-finished's rule otherwise). */
function streamConsumed(req: IncomingMessage & { _body?: boolean }): boolean {
  return req._body === true || req.readableEnded || (req.complete && !req.readable);
}

function describe(body: unknown): string {
  if (body === undefined) return 'undefined';
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}

/**
 * The exact bytes of a Node request, never a re-serialisation: the ones a parser kept, else the unread stream up
 * to `limit + 1` bytes. A stream a parser consumed without keeping its bytes is a `BODY_ALREADY_PARSED` error that
 * names the framework's fix.
 */
export async function readUnparsedBody(source: UnparsedBodySource, limit: number): Promise<RawBody> {
  for (const value of source.kept) {
    const bytes = asBytes(value);
    if (bytes !== undefined) return { body: bytes, truncated: false };
  }
  if (streamConsumed(source.req)) {
    throw new AntomNotificationError(
      'BODY_ALREADY_PARSED',
      `The notification body was already parsed (${source.where} is ${describe(source.parsed)}) and its raw bytes ` +
        `are gone; Antom signs the exact bytes, so it cannot be verified. Fix: ${source.fix}.`,
    );
  }
  return readBoundedBody(source.req, limit);
}

/** A route's body: the object a parser made when it consumed the stream, else the raw bytes. */
export async function readRequestBody(source: UnparsedBodySource, limit: number): Promise<RequestBody> {
  const { parsed } = source;
  const parsedObject = parsed !== null && typeof parsed === 'object' && !(parsed instanceof Uint8Array);
  if (parsedObject && streamConsumed(source.req)) return { parsed };
  const { body, truncated } = await readUnparsedBody(source, limit);
  return { raw: body, truncated };
}
