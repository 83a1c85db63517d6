import type { IncomingMessage, ServerResponse } from 'node:http';
import { AntomConfigError } from '@antomkit/core';
import { Req, Res } from '@nestjs/common';
import { verifiedNotification } from './notification.guard';
import { sendReply } from './reply';

/** `ROUTE_ARGS_METADATA` of @nestjs/common/constants, a path ESM consumers cannot import without an extension. */
const ROUTE_ARGS_METADATA = '__routeArguments__';

/** Dispatches what the guard verified to its handler and writes core's reply (ack only after it succeeded). */
export async function dispatchVerified(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const stash = verifiedNotification(req);
  if (!stash) {
    throw new AntomConfigError(
      'NOTIFICATION_GUARD_MISSING',
      'The Antom notification reply runs only after AntomNotificationGuard: use @AntomNotificationEndpoint() on the route.',
    );
  }
  sendReply(req, res, await stash.receiver.dispatch(stash.verified));
}

/**
 * Runs the route method, then dispatches and writes the reply itself, from inside the method: the response and
 * request are added as `@Res()` / `@Req()` after the method's own parameters, so Nest serialises no return value.
 * Doing this in the method rather than in an interceptor matters: every Nest interceptor costs two
 * `AsyncResource.bind` calls per request, which on Node 20 halved the route's throughput (see bench/README.md).
 * Metadata other decorators already put on the method (e.g. an auth `@Public()` below this one) is carried over.
 */
export function dispatchesAfterMethod(): MethodDecorator {
  return (target, key, descriptor) => {
    const method = descriptor.value as unknown as (...args: unknown[]) => unknown;
    const args: Record<string, { index: number }> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {};
    const resIndex = Math.max(method.length, ...Object.values(args).map((a) => a.index + 1));
    const reqIndex = resIndex + 1;
    Res()(target, key, resIndex);
    Req()(target, key, reqIndex);
    const wrapped = async function (this: unknown, ...params: unknown[]): Promise<void> {
      await method.apply(this, params);
      await dispatchVerified(params[reqIndex] as IncomingMessage, params[resIndex] as ServerResponse);
    };
    for (const metadataKey of Reflect.getOwnMetadataKeys(method)) {
      Reflect.defineMetadata(metadataKey, Reflect.getOwnMetadata(metadataKey, method), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: method.name });
    (descriptor as PropertyDescriptor).value = wrapped;
  };
}
