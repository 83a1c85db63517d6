import type { IncomingMessage } from 'node:http';
import { AntomConfigError, type NotificationReceiver, type VerifiedNotification } from '@antomkit/core';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { readNotificationBody } from './raw-body';
import { AntomNotificationRejectedException } from './reply';
import { ANTOM_NOTIFICATION_ENDPOINT, DEFAULT_ANTOM_NAME, getAntomReceiverToken } from './tokens';

const VERIFIED = Symbol.for('antomkit.verifiedNotification');

export interface VerifiedStash {
  receiver: NotificationReceiver;
  verified: VerifiedNotification;
}

type WithStash = IncomingMessage & { originalUrl?: string; [VERIFIED]?: VerifiedStash };

/** What the guard verified for this request (used by the route's interceptor). */
export function verifiedNotification(req: IncomingMessage): VerifiedStash | undefined {
  return (req as WithStash)[VERIFIED];
}

/**
 * Verifies an Antom notification before anything else of the route runs: raw bytes, the exact original URL
 * (global prefix, version and query included), headers and RSA signature. A refused one never reaches a handler.
 */
@Injectable()
export class AntomNotificationGuard implements CanActivate {
  private readonly receivers = new Map<string, NotificationReceiver>();

  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<WithStash>();
    const endpoint = this.reflector.get<{ name?: string } | undefined>(
      ANTOM_NOTIFICATION_ENDPOINT,
      context.getHandler(),
    );
    const receiver = this.receiver(endpoint?.name);
    const rawBody = await readNotificationBody(req, receiver.maxBodyBytes);
    const result = await receiver.verify({
      method: req.method ?? 'POST',
      path: req.originalUrl ?? req.url ?? '/',
      headers: req.headers,
      rawBody,
    });
    if (!result.ok) throw new AntomNotificationRejectedException(result.reply);
    req[VERIFIED] = { receiver, verified: result };
    return true;
  }

  private receiver(name = DEFAULT_ANTOM_NAME): NotificationReceiver {
    let receiver = this.receivers.get(name);
    if (receiver) return receiver;
    try {
      receiver = this.moduleRef.get<NotificationReceiver>(getAntomReceiverToken(name), { strict: false });
    } catch (cause) {
      throw new AntomConfigError(
        'ANTOM_MODULE_MISSING',
        `@AntomNotificationEndpoint(${name === DEFAULT_ANTOM_NAME ? '' : `{ name: '${name}' }`}) needs ` +
          `AntomModule.forRoot(${name === DEFAULT_ANTOM_NAME ? '...' : `{ name: '${name}', ... }`}) (or forRootAsync) in the app.`,
        { cause },
      );
    }
    this.receivers.set(name, receiver);
    return receiver;
  }
}
