import {
  createNotificationReceiver,
  DEFAULT_MAX_BODY_BYTES,
  type NotificationReceiver,
  type NotificationReceiverOptions,
} from '@antomkit/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readRawBody } from './raw-body';

type Handlers =
  Parameters<NotificationReceiver['on']> extends [infer _K, infer _H]
    ? {
        [K in Parameters<NotificationReceiver['on']>[0]]?: Extract<Parameters<NotificationReceiver['on']>, [K, any]>[1];
      }
    : never;

export type AntomNotificationsOptions =
  | { receiver: NotificationReceiver; maxBodyBytes?: number }
  | (NotificationReceiverOptions & { handlers?: NotificationHandlers });

/** `{ PAYMENT_RESULT: async (n) => ... }`: one handler per notification kind, registered with `receiver.on`. */
export type NotificationHandlers = Partial<Handlers>;

/**
 * Express middleware for Antom's notifications: `app.post('/antom/notifications', antomNotifications({...}))`.
 * Reads the raw body itself (or the one a parser kept), verifies and dispatches through core's receiver, and
 * sends its reply. Errors go to `next(err)`, never to an unhandled rejection.
 */
export function antomNotifications(options: AntomNotificationsOptions): RequestHandler {
  const receiver = 'receiver' in options ? options.receiver : buildReceiver(options);
  const limit = options.maxBodyBytes ?? receiver.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req: Request, res: Response, next: NextFunction) => {
    handle(receiver, limit, req, res).catch(next);
  };
}

function buildReceiver(
  options: NotificationReceiverOptions & { handlers?: NotificationHandlers },
): NotificationReceiver {
  const { handlers, ...receiverOptions } = options;
  const receiver = createNotificationReceiver(receiverOptions);
  for (const [kind, handler] of Object.entries(handlers ?? {})) {
    if (handler) receiver.on(kind as never, handler as never);
  }
  return receiver;
}

async function handle(receiver: NotificationReceiver, limit: number, req: Request, res: Response): Promise<void> {
  const rawBody = await readRawBody(req, limit);
  const reply = await receiver.receive({ method: req.method, path: req.originalUrl, headers: req.headers, rawBody });
  if (!req.readableEnded && !req.complete) res.setHeader('Connection', 'close');
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(reply.body);
}
