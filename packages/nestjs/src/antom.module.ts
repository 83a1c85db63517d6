import { AntomClient, type AntomClientOptions, createNotificationReceiver } from '@antomkit/core';
import { type DynamicModule, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  ANTOM_ASYNC_OPTIONS_TYPE,
  ANTOM_MODULE_OPTIONS,
  ANTOM_OPTIONS_TYPE,
  AntomConfigurableModule,
} from './module-definition';
import { createNotificationController } from './notification.controller';
import { AntomNotificationsExplorer } from './notifications.explorer';
import type {
  AntomAsyncRouteOptions,
  AntomModuleExtras,
  AntomModuleOptions,
  AntomNotificationsOptions,
} from './options';
import { DEFAULT_ANTOM_NAME, getAntomClientToken, getAntomReceiverToken } from './tokens';

class AntomClientCloser implements OnApplicationShutdown {
  constructor(private readonly client: AntomClient | undefined) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client?.close();
  }
}

function createClient(options: AntomModuleOptions): AntomClient {
  if ('client' in options && options.client) return options.client;
  const { notifications: _notifications, ...clientOptions } = options as AntomClientOptions & AntomModuleOptions;
  return new AntomClient(clientOptions);
}

function receiverOptions(options: AntomModuleOptions) {
  const { path: _path, decorators: _decorators, ...rest }: AntomNotificationsOptions = options.notifications ?? {};
  const clientId =
    'client' in options && options.client ? options.client.clientId : (options as AntomClientOptions).clientId;
  return { clientId, antomPublicKey: options.antomPublicKey, ...rest };
}

/** The client, receiver, discovery and optional route of one Antom app (default or named). */
function complete(
  definition: DynamicModule,
  extras: AntomModuleExtras,
  route: AntomAsyncRouteOptions['notifications'],
): DynamicModule {
  const name = extras.name ?? DEFAULT_ANTOM_NAME;
  const clientToken = getAntomClientToken(name);
  const receiverToken = getAntomReceiverToken(name);
  const providers: Provider[] = [
    ...(definition.providers ?? []),
    {
      provide: clientToken,
      useFactory: createClient,
      inject: [ANTOM_MODULE_OPTIONS],
    },
    {
      provide: receiverToken,
      useFactory: (options: AntomModuleOptions) => createNotificationReceiver(receiverOptions(options)),
      inject: [ANTOM_MODULE_OPTIONS],
    },
    {
      provide: AntomNotificationsExplorer,
      useFactory: (discovery: DiscoveryService, scanner: MetadataScanner, receiver) =>
        new AntomNotificationsExplorer(discovery, scanner, receiver, name),
      inject: [DiscoveryService, MetadataScanner, receiverToken],
    },
    {
      provide: AntomClientCloser,
      useFactory: (client: AntomClient, options: AntomModuleOptions) =>
        new AntomClientCloser('client' in options && options.client ? undefined : client),
      inject: [clientToken, ANTOM_MODULE_OPTIONS],
    },
  ];
  return {
    ...definition,
    global: extras.isGlobal ?? false,
    imports: [...(definition.imports ?? []), DiscoveryModule],
    controllers: route?.path ? [createNotificationController(route.path, name, route.decorators)] : [],
    providers,
    exports: [clientToken, receiverToken],
  };
}

/**
 * Antom for Nest: `AntomModule.forRoot({ clientId, privateKey, antomPublicKey, region })` or `forRootAsync(...)`.
 * Provides the `AntomClient` (`@InjectAntom()`) and the notification receiver that `@OnAntomNotification`
 * handlers are registered with; several apps side by side with `name`.
 */
@Module({})
export class AntomModule extends AntomConfigurableModule {
  static override forRoot(options: typeof ANTOM_OPTIONS_TYPE): DynamicModule {
    // biome-ignore lint/complexity/noThisInStatic: super keeps `module: AntomModule` in the definition
    return complete(super.forRoot(options), options, options.notifications);
  }

  static override forRootAsync(options: typeof ANTOM_ASYNC_OPTIONS_TYPE & AntomAsyncRouteOptions): DynamicModule {
    const { notifications, ...rest } = options;
    // biome-ignore lint/complexity/noThisInStatic: super keeps `module: AntomModule` in the definition
    return complete(super.forRootAsync(rest), options, notifications);
  }
}
