import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationReply } from '@antomkit/core';
import { HttpException } from '@nestjs/common';

/**
 * Writes core's reply byte for byte on the Node response, bypassing Nest's serialisation (which would add a
 * charset, an ETag, or re-stringify the ack).
 */
export function sendReply(req: IncomingMessage, res: ServerResponse, reply: NotificationReply): void {
  if (res.headersSent) return;
  // Reading stopped at the size limit: do not keep a half-read connection alive.
  if (!req.readableEnded && !req.complete) res.setHeader('connection', 'close');
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.end(reply.body);
}

/** Thrown by the guard for a refused notification (401, 400, 413...); the route's filter sends `reply` as is. */
export class AntomNotificationRejectedException extends HttpException {
  constructor(readonly reply: NotificationReply) {
    super(reply.body, reply.status);
  }
}
