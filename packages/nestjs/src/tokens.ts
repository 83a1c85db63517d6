import { AntomClient } from '@antomkit/core';

/** The name of the unnamed (default) Antom application. */
export const DEFAULT_ANTOM_NAME = 'default';

/** Route metadata set by `@AntomNotificationEndpoint()`. */
export const ANTOM_NOTIFICATION_ENDPOINT = 'antomkit:notification-endpoint';
/** Method metadata set by `@OnAntomNotification()`. */
export const ANTOM_NOTIFICATION_HANDLER = 'antomkit:notification-handler';
/** The name a module instance was registered with. */
export const ANTOM_MODULE_NAME = 'antomkit:module-name';

function named(name: string | undefined): string | undefined {
  return name === undefined || name === DEFAULT_ANTOM_NAME ? undefined : name;
}

/** The injection token of an `AntomClient`: the class itself for the default app, a string for a named one. */
export function getAntomClientToken(name?: string): string | typeof AntomClient {
  const n = named(name);
  return n === undefined ? AntomClient : `antomkit:client:${n}`;
}

/** The injection token of the `NotificationReceiver` of an app (default or named). */
export function getAntomReceiverToken(name?: string): string {
  return `antomkit:receiver:${named(name) ?? DEFAULT_ANTOM_NAME}`;
}
