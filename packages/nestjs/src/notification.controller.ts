import { Controller, type Type } from '@nestjs/common';
import { AntomNotificationEndpoint } from './notification-endpoint.decorator';
import { DEFAULT_ANTOM_NAME } from './tokens';

/** The controller `notifications: { path }` registers, for apps that want no code of their own. */
export function createNotificationController(
  path: string,
  name: string,
  decorators: (MethodDecorator | ClassDecorator)[] = [],
): Type {
  @Controller()
  class AntomNotificationsController {
    @AntomNotificationEndpoint(path, { ...(name === DEFAULT_ANTOM_NAME ? {} : { name }) })
    receive(): void {}
  }
  for (const decorate of decorators) {
    const descriptor = Object.getOwnPropertyDescriptor(AntomNotificationsController.prototype, 'receive')!;
    (decorate as MethodDecorator)(AntomNotificationsController.prototype, 'receive', descriptor);
  }
  return AntomNotificationsController;
}
