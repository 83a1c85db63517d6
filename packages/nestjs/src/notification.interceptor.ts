import type { IncomingMessage, ServerResponse } from 'node:http';
import { AntomConfigError } from '@antomkit/core';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { verifiedNotification } from './notification.guard';
import { sendReply } from './reply';

/**
 * Runs the route method, then dispatches the verified notification to its `@OnAntomNotification` handler and
 * writes core's reply as is: the exact ack after the handler succeeded, 500 without ack when it threw (so Antom
 * retries; no exception filter can turn that into a 200).
 */
@Injectable()
export class AntomNotificationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<void> {
    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    const res = http.getResponse<ServerResponse>();
    const stash = verifiedNotification(req);
    if (!stash) {
      throw new AntomConfigError(
        'NOTIFICATION_GUARD_MISSING',
        'AntomNotificationInterceptor runs only after AntomNotificationGuard: use @AntomNotificationEndpoint() on the route.',
      );
    }
    return from(
      (async () => {
        await lastValueFrom(next.handle(), { defaultValue: undefined });
        sendReply(req, res, await stash.receiver.dispatch(stash.verified));
      })(),
    );
  }
}
