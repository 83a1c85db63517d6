import {
  createNotificationReceiver,
  type NotificationHandlers,
  type NotificationReceiver,
  type NotificationReceiverOptions,
} from '@antomkit/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readRawBody } from './raw-body';

export type AntomNotificationsOptions =
  | { receiver: NotificationReceiver }
  | (NotificationReceiverOptions & { handlers?: NotificationHandlers });

/**
 * Express middleware for Antom's notifications: `app.post('/antom/notifications', antomNotifications({...}))`.
 * Reads the raw body itself (or the one a parser kept), verifies and dispatches through core's receiver, and
 * sends its reply. Errors go to `next(err)`, never to an unhandled rejection.
 */
export function antomNotifications(options: AntomNotificationsOptions): RequestHandler {
  const receiver = 'receiver' in options ? options.receiver : buildReceiver(options);
  return (req: Request, res: Response, next: NextFunction) => {
    handle(receiver, req, res).catch(next);
  };
}

function buildReceiver(
  options: NotificationReceiverOptions & { handlers?: NotificationHandlers },
): NotificationReceiver {
  const { handlers, ...receiverOptions } = options;
  const receiver = createNotificationReceiver(receiverOptions);
  for (const [kind, handler] of Object.entries(handlers ?? {})) {
    if (handler) receiver.on(kind as keyof NotificationHandlers, handler as never);
  }
  return receiver;
}

async function handle(receiver: NotificationReceiver, req: Request, res: Response): Promise<void> {
  // Reading stops one byte past the receiver's limit, so its own size check answers 413.
  const rawBody = await readRawBody(req, receiver.maxBodyBytes);
  const reply = await receiver.receive({ method: req.method, path: req.originalUrl, headers: req.headers, rawBody });
  if (!req.readableEnded && !req.complete) res.setHeader('Connection', 'close');
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.end(reply.body);
}
