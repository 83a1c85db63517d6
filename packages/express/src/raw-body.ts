import type { IncomingMessage } from 'node:http';
import { readUnparsedBody, type UnparsedBodySource } from '@antomkit/core';

export const BODY_ALREADY_PARSED_FIX =
  "mount antomNotifications() before express.json(), or use express.raw({ type: 'application/json' }) on this route, " +
  'or keep the raw body with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })';

/** The bytes a parser kept: `req.rawBody` (a `verify` hook), or a Buffer/string body from `express.raw()`/`express.text()`. */
export function bodySource(req: IncomingMessage): UnparsedBodySource {
  const { rawBody, body } = req as IncomingMessage & { body?: unknown; rawBody?: unknown };
  return { req, kept: [rawBody, body], parsed: body, where: 'req.body', fix: BODY_ALREADY_PARSED_FIX };
}

/**
 * The raw request body, never a re-serialisation. Reads at most `limit + 1` bytes: a longer body comes back cut
 * there, so the receiver answers 413 without the rest being buffered. Throws `BODY_ALREADY_PARSED` when a parser
 * consumed the stream and kept no raw bytes.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | string> {
  return (await readUnparsedBody(bodySource(req), limit)).body;
}
