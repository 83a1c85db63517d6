import { AntomConfigError, type NotificationReceiver } from '@antomkit/core';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { AntomHandlerMetadata } from './on-notification.decorator';
import { ANTOM_NOTIFICATION_HANDLER, DEFAULT_ANTOM_NAME } from './tokens';

/** Finds `@OnAntomNotification` methods for one Antom app at boot and registers them with its receiver. */
export class AntomNotificationsExplorer implements OnModuleInit {
  private readonly logger = new Logger('AntomModule');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly receiver: NotificationReceiver,
    private readonly name: string,
  ) {}

  onModuleInit(): void {
    const owners = new Map<string, string>();
    const seen = new Map<object, Set<string>>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance } = wrapper;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const marks: AntomHandlerMetadata[] | undefined = Reflect.getMetadata(ANTOM_NOTIFICATION_HANDLER, fn);
        const mine = marks?.filter((m) => (m.name ?? DEFAULT_ANTOM_NAME) === this.name) ?? [];
        if (mine.length === 0) continue;
        const done = seen.get(instance) ?? new Set<string>();
        seen.set(instance, done);
        if (done.has(method)) continue; // the same instance under another token (useExisting)
        done.add(method);
        const where = `${instance.constructor.name}.${method}()`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new AntomConfigError(
            'NOTIFICATION_HANDLER_SCOPE',
            `@OnAntomNotification on ${where}: ${wrapper.name as string} is request- or transient-scoped; notification handlers must live in a singleton provider.`,
          );
        }
        for (const { kind } of mine) {
          const previous = owners.get(kind);
          if (previous) {
            throw new AntomConfigError(
              'NOTIFICATION_HANDLER_DUPLICATE',
              `Two @OnAntomNotification('${kind}') handlers${this.label()}: ${previous} and ${where}. ` +
                'Antom acks a notification once, so one method must do all the work for a kind.',
            );
          }
          owners.set(kind, where);
          const handler = fn as (...args: unknown[]) => unknown;
          try {
            this.receiver.on(kind, (notification, context) => handler.call(instance, notification, context));
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            throw new AntomConfigError(
              (error as { code?: string }).code ?? 'NOTIFICATION_HANDLER_INVALID',
              `@OnAntomNotification on ${where}: ${message}`,
              { cause: error },
            );
          }
        }
      }
    }
    if (owners.size > 0) {
      this.logger.log(
        `Antom notification handlers${this.label()}: ${[...owners].map(([k, w]) => `${k} -> ${w}`).join(', ')}`,
      );
    }
  }

  private label(): string {
    return this.name === DEFAULT_ANTOM_NAME ? '' : ` for Antom app "${this.name}"`;
  }
}
