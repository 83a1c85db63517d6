import { applyDecorators, HttpCode, Post, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { dispatchesAfterMethod } from './notification.dispatch';
import { AntomNotificationFilter } from './notification.filter';
import { AntomNotificationGuard } from './notification.guard';
import { ANTOM_NOTIFICATION_ENDPOINT } from './tokens';

export interface AntomNotificationEndpointOptions {
  /** The named Antom app whose receiver verifies this route (`AntomModule.forRoot({ name })`). */
  name?: string;
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
    // first: the others record their metadata on the method it installs
    dispatchesAfterMethod(),
    Post(path),
    HttpCode(200),
    SetMetadata(ANTOM_NOTIFICATION_ENDPOINT, { name: options.name }),
    UseGuards(AntomNotificationGuard),
    UseFilters(AntomNotificationFilter),
  );
}
