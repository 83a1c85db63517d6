import {
  applyDecorators,
  HttpCode,
  Post,
  Res,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { AntomNotificationFilter } from './notification.filter';
import { AntomNotificationGuard } from './notification.guard';
import { AntomNotificationInterceptor } from './notification.interceptor';
import { ANTOM_NOTIFICATION_ENDPOINT } from './tokens';

/** `ROUTE_ARGS_METADATA` of @nestjs/common/constants, a path ESM consumers cannot import without an extension. */
const ROUTE_ARGS_METADATA = '__routeArguments__';

export interface AntomNotificationEndpointOptions {
  /** The named Antom app whose receiver verifies this route (`AntomModule.forRoot({ name })`). */
  name?: string;
}

/**
 * Tells Nest the interceptor writes the response, so no return value is serialised after the exact ack bytes:
 * the same as a `@Res()` parameter, added after the method's own parameters.
 */
function writesOwnResponse(): MethodDecorator {
  return (target, key, descriptor) => {
    const args: Record<string, { index: number }> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {};
    const taken = Object.values(args).map((a) => a.index);
    const length = typeof descriptor.value === 'function' ? descriptor.value.length : 0;
    Res()(target, key, Math.max(length, ...taken.map((i) => i + 1)));
  };
}

/**
 * The Antom notification route on a controller you own (your guards, global prefix, versioning and throttlers
 * still apply):
 * ```ts
 * @Controller('antom') class AntomController { @AntomNotificationEndpoint('notifications') receive() {} }
 * ```
 * Verifies in a guard, dispatches to `@OnAntomNotification` handlers, and answers core's exact reply.
 */
export function AntomNotificationEndpoint(
  path?: string,
  options: AntomNotificationEndpointOptions = {},
): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    SetMetadata(ANTOM_NOTIFICATION_ENDPOINT, { name: options.name }),
    UseGuards(AntomNotificationGuard),
    UseInterceptors(AntomNotificationInterceptor),
    UseFilters(AntomNotificationFilter),
    writesOwnResponse(),
  );
}
