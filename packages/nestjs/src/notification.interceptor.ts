import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { dispatchVerified } from './notification.dispatch';

/**
 * For a route composed by hand (`UseGuards(AntomNotificationGuard)` + this + `@Res()`): runs the route method,
 * then dispatches the verified notification and writes core's reply as is. `@AntomNotificationEndpoint()` does
 * the same from inside the method instead, which skips Nest's per-request interceptor cost.
 */
@Injectable()
export class AntomNotificationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<void> {
    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    const res = http.getResponse<ServerResponse>();
    return from(
      (async () => {
        await lastValueFrom(next.handle(), { defaultValue: undefined });
        await dispatchVerified(req, res);
      })(),
    );
  }
}
