import type { NotificationKind } from '@antomkit/core';
import { ANTOM_NOTIFICATION_HANDLER } from './tokens';
import type { AntomNotificationMethod } from './types';

export interface AntomHandlerMetadata {
  kind: NotificationKind | '*';
  /** The Antom application (`AntomModule.forRoot({ name })`); undefined for the default one. */
  name: string | undefined;
}

/**
 * Marks a provider method as the handler of one notification kind; found at boot. The argument is typed by the
 * kind: `@OnAntomNotification('PAYMENT_RESULT') onPaid(n: PaymentResultNotification) {...}`. Throw to have
 * Antom retry (the reply is 500 and no ack).
 */
export function OnAntomNotification<K extends NotificationKind | '*'>(kind: K, options: { name?: string } = {}) {
  return <T extends AntomNotificationMethod<K>>(
    _target: object,
    _propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    const method = descriptor.value as object;
    const list: AntomHandlerMetadata[] = Reflect.getMetadata(ANTOM_NOTIFICATION_HANDLER, method) ?? [];
    Reflect.defineMetadata(ANTOM_NOTIFICATION_HANDLER, [...list, { kind, name: options.name }], method);
  };
}
