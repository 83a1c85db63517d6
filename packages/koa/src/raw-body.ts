import type { UnparsedBodySource } from '@antomkit/core';
import type { Context } from 'koa';

export const BODY_ALREADY_PARSED_FIX =
  'register antomNotifications() before the body parser (app.use(bodyParser()) after the notification route), ' +
  'or set ctx.disableBodyParser = true for this route in a middleware in front of @koa/bodyparser, ' +
  'or keep the raw body: @koa/bodyparser keeps ctx.request.rawBody for the types it parses, ' +
  'koa-body keeps it with includeUnparsed: true';

/** koa-body's key for the unparsed body (`includeUnparsed: true`). */
const UNPARSED_BODY = Symbol.for('unparsedBody');

/**
 * The bytes a body parser kept: `ctx.request.rawBody` (@koa/bodyparser, koa-bodyparser), koa-body's
 * `ctx.request.body[Symbol.for('unparsedBody')]`, `ctx.req.rawBody` (patchNode), or a Buffer/string body.
 */
export function bodySource(ctx: Context): UnparsedBodySource {
  const { rawBody, body } = ctx.request as Context['request'] & { rawBody?: unknown; body?: unknown };
  const unparsed =
    body !== null && typeof body === 'object' ? (body as Record<symbol, unknown>)[UNPARSED_BODY] : undefined;
  const kept = [rawBody, unparsed, (ctx.req as { rawBody?: unknown }).rawBody, body];
  return { req: ctx.req, kept, parsed: body, where: 'ctx.request.body', fix: BODY_ALREADY_PARSED_FIX };
}
