import type { IncomingMessage } from 'node:http';
import { AntomNotificationError } from '@antomkit/core';
import { readRawBody } from '@antomkit/express';

export const RAW_BODY_FIX =
  'create the app with NestFactory.create(AppModule, { rawBody: true }) so Nest keeps req.rawBody ' +
  "(app.useBodyParser('json', { limit }) keeps it too), or with { bodyParser: false } so the guard reads the body itself";

type NestRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; _body?: boolean };

/**
 * The exact bytes of the notification: `req.rawBody` from Nest's `rawBody: true`, a Buffer body from a raw parser,
 * or the unread stream (at most `limit + 1` bytes). A body parsed into an object with no bytes kept is an error.
 */
export async function readNotificationBody(req: IncomingMessage, limit: number): Promise<Buffer | string> {
  const r = req as NestRequest;
  if (Buffer.isBuffer(r.rawBody) || typeof r.rawBody === 'string') return r.rawBody;
  if (Buffer.isBuffer(r.body)) return r.body;
  if (r._body === true || r.readableEnded || (r.complete && !r.readable)) {
    throw new AntomNotificationError(
      'BODY_ALREADY_PARSED',
      "Nest's body parser already parsed the Antom notification and kept no raw bytes; Antom signs the exact bytes, " +
        `so it cannot be verified (and is never re-serialised). Fix: ${RAW_BODY_FIX}.`,
    );
  }
  return readRawBody(req, limit);
}
