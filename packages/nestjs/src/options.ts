import type { AntomClient, AntomClientOptions, NotificationReceiverOptions, PublicKeyring } from '@antomkit/core';

/** Receiver settings; `clientId` and `antomPublicKey` default to the client's. */
export type AntomNotificationsOptions = Partial<NotificationReceiverOptions> & {
  /**
   * Registers `POST <path>` for you (global prefix and versioning apply). Leave it out and put
   * `@AntomNotificationEndpoint()` on a controller you own instead.
   */
  path?: string;
  /** Decorators for that registered route, e.g. your own `Public()` or `SkipThrottle()`. */
  decorators?: MethodDecorator[];
};

/** An `AntomClient` you created yourself (shared with workers, tests...). The module does not close it. */
export interface ExistingAntomClient {
  client: AntomClient;
  /** The Antom public key notifications are verified with. */
  antomPublicKey: PublicKeyring;
}

/**
 * What `AntomModule.forRoot(...)` or an async `useFactory` returns: the client's options (or a client) plus
 * notification settings.
 */
export type AntomModuleOptions = (AntomClientOptions | ExistingAntomClient) & {
  notifications?: AntomNotificationsOptions;
};

/** Options that shape the module itself, so they cannot come from an async factory. */
export interface AntomModuleExtras {
  /** Register the module globally: its client and receiver are injectable everywhere. Default false. */
  isGlobal?: boolean;
  /** A named Antom application (one per product, or per ISV merchant): `@InjectAntom('apac')`. */
  name?: string;
}

/** `forRootAsync` registers the notification route before the factory runs, so its path is given here. */
export interface AntomAsyncRouteOptions {
  notifications?: Pick<AntomNotificationsOptions, 'path' | 'decorators'>;
}
