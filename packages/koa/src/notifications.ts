import {
  createNotificationReceiver,
  type NotificationHandlers,
  type NotificationReceiver,
  type NotificationReceiverOptions,
  type NotificationReply,
  readUnparsedBody,
} from '@antomkit/core';
import type { Context, Middleware } from 'koa';
import { bodySource } from './raw-body';
import type { AntomState } from './state';

interface KoaOptions {
  /**
   * Serve only this path (compared with `ctx.path`, so relative to a `koa-mount` prefix) and pass every other
   * request on: `app.use(antomNotifications({ path: '/antom/notifications', ... }))` without a router.
   * Leave it out under `router.post(path, ...)`.
   */
  path?: string;
}

export type AntomNotificationsOptions = KoaOptions &
  ({ receiver: NotificationReceiver } | (NotificationReceiverOptions & { handlers?: NotificationHandlers }));

/**
 * Koa middleware for Antom's notifications: `router.post('/antom/notifications', antomNotifications({...}))`.
 * Reads the raw body itself (or the one a parser kept), verifies it through core's receiver and only then
 * puts the typed notification on `ctx.state.antomNotification` and calls the middleware after it. The reply is
 * always core's: the ack is sent only when that middleware and the handler both succeeded, whatever the
 * middleware after it set as the body.
 */
export function antomNotifications(options: AntomNotificationsOptions): Middleware<AntomState> {
  const receiver = 'receiver' in options ? options.receiver : buildReceiver(options);
  const { path } = options;
  return async function antomNotificationsMiddleware(ctx, next) {
    if (path !== undefined && ctx.path !== path) {
      await next();
      return;
    }
    const { body, truncated } = await readUnparsedBody(bodySource(ctx as unknown as Context), receiver.maxBodyBytes);
    if (truncated) ctx.set('Connection', 'close');
    const verified = await receiver.verify({
      method: ctx.method,
      path: ctx.originalUrl,
      headers: ctx.headers,
      rawBody: body,
    });
    if (!verified.ok) {
      reply(ctx as unknown as Context, verified.reply);
      return;
    }
    ctx.state.antomNotification = verified.notification;
    // A throw here propagates before dispatch: no handler ran, nothing is marked handled, no ack.
    await next();
    reply(ctx as unknown as Context, await receiver.dispatch(verified));
  };
}

function buildReceiver(
  options: NotificationReceiverOptions & KoaOptions & { handlers?: NotificationHandlers },
): NotificationReceiver {
  const { handlers, path: _path, ...receiverOptions } = options;
  const receiver = createNotificationReceiver(receiverOptions);
  for (const [kind, handler] of Object.entries(handlers ?? {})) {
    if (handler) receiver.on(kind as keyof NotificationHandlers, handler as never);
  }
  return receiver;
}

/** Core's reply verbatim; replaces whatever status and body the middleware after this one set. */
function reply(ctx: Context, answer: NotificationReply): void {
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
  ctx.body = answer.body;
}
