import { AntomApiError, AntomTransportError, AntomUnknownOutcomeError } from '@antomkit/core';
import { shopErrorReply } from '@antomkit/shop-kit';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** An HTTP error with the shops' body, `{ error: { code, message } }`. */
export class ShopHttpException extends HttpException {
  constructor(status: number, code: string, message: string) {
    super({ error: { code, message } }, status);
  }
}

/**
 * Every error as `{ error: { code, message } }`: bad input (a body parser's too) 400, wrong order state 409, Antom
 * refused the call 422, Antom unreachable 502, anything else 500 (logged, message hidden). The notification
 * route's own filter answers its refusals first, with Antom's exact reply.
 */
@Catch()
export class ShopErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Shop');

  catch(error: unknown, host: ArgumentsHost): void {
    const { status, body } = reply(error);
    if (status === 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    host.switchToHttp().getResponse<Response>().status(status).type('json').json(body);
  }
}

function reply(error: unknown): { status: number; body: object } {
  if (error instanceof ShopHttpException) return { status: error.getStatus(), body: error.getResponse() as object };
  if (error instanceof HttpException) {
    return { status: error.getStatus(), body: { error: { code: error.name, message: error.message } } };
  }
  if (error instanceof AntomApiError) {
    return { status: 422, body: { error: { code: error.resultCode, message: error.resultMessage } } };
  }
  if (error instanceof AntomTransportError || error instanceof AntomUnknownOutcomeError) {
    return { status: 502, body: { error: { code: error.code, message: error.message } } };
  }
  return shopErrorReply(error);
}
