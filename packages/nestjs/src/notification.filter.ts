import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { AntomNotificationRejectedException, sendReply } from './reply';

/** Sends a refused notification's reply exactly as core built it (route-scoped, so it wins over global filters). */
@Catch(AntomNotificationRejectedException)
export class AntomNotificationFilter implements ExceptionFilter {
  catch(exception: AntomNotificationRejectedException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendReply(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>(), exception.reply);
  }
}
