import { keyPair, paymentResult, send, signedHeaders } from '@antomkit/conformance';
import { ANTOM_ACK_BODY } from '@antomkit/core/testing';
import {
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  Catch,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  Headers,
  HttpException,
  type INestApplication,
  Injectable,
  Module,
  type NestInterceptor,
  VersioningType,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { map } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AntomModule,
  AntomNotificationEndpoint,
  OnAntomNotification,
  type PaymentResultNotification,
  type RefundResultNotification,
} from './index';
import { AppAuthGuard, listen, Public, UNUSED_GATEWAY } from './test-support';

const CLIENT_ID = 'NEST_TEST_CLIENT';
const antom = keyPair();
const merchant = keyPair();
const antomOptions = {
  clientId: CLIENT_ID,
  privateKey: merchant.privateKey,
  antomPublicKey: antom.publicKeyBase64,
  gateway: UNUSED_GATEWAY,
  notifications: { logger: false as const },
};

// The app's own cross-cutting pieces, as a real app has them.

const throttled: string[] = [];
@Injectable()
class ThrottleGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ originalUrl: string }>();
    throttled.push(req.originalUrl);
    if (throttled.length > 200) throw new HttpException('Too Many Requests', 429);
    return true;
  }
}

@Injectable()
class WrapInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(map((data: unknown) => ({ data })));
  }
}

@Catch()
class RecordingFilter implements ExceptionFilter {
  constructor(private readonly errors: unknown[]) {}
  catch(error: unknown, host: ArgumentsHost) {
    this.errors.push(error);
    const res = host.switchToHttp().getResponse<{ status(n: number): { json(b: unknown): void } }>();
    const status = error instanceof HttpException ? error.getStatus() : 500;
    res.status(status).json({ wrappedByApp: true, status });
  }
}

const handled: string[] = [];
const seenClientIds: string[] = [];
const failuresFor = new Map<string, number>();

@Injectable()
class PaymentsService {
  @OnAntomNotification('PAYMENT_RESULT')
  async onPayment(n: PaymentResultNotification) {
    const left = failuresFor.get(n.paymentRequestId) ?? 0;
    if (left > 0) {
      failuresFor.set(n.paymentRequestId, left - 1);
      throw new Error('database down (on purpose)');
    }
    handled.push(`${n.kind}:${n.paymentRequestId}:${n.result.resultStatus}`);
  }

  @OnAntomNotification('REFUND_RESULT')
  onRefund(n: RefundResultNotification) {
    handled.push(`${n.kind}:${n.refundRequestId}`);
  }
}

@Controller({ path: 'antom', version: '1' })
class AntomController {
  @Public()
  @AntomNotificationEndpoint('notifications')
  receive() {
    return 'this return value is never sent';
  }

  // Decorators below the endpoint run first: their metadata must survive, and the method keeps its parameters.
  @AntomNotificationEndpoint('notifications-reversed')
  @Public()
  receiveReversed(@Headers('client-id') clientId: string) {
    seenClientIds.push(clientId);
  }
}

@Controller({ path: 'orders', version: '1' })
class OrdersController {
  @Get()
  list() {
    return [];
  }
}

@Module({
  imports: [AntomModule.forRoot(antomOptions)],
  controllers: [AntomController, OrdersController],
  providers: [
    PaymentsService,
    { provide: APP_GUARD, useClass: ThrottleGuard },
    { provide: APP_GUARD, useClass: AppAuthGuard },
  ],
})
class AppModule {}

async function startApp(rawBody: boolean) {
  const errors: unknown[] = [];
  const app = await NestFactory.create(AppModule, { rawBody, logger: false });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalFilters(new RecordingFilter(errors));
  app.useGlobalInterceptors(new WrapInterceptor());
  return { app, url: await listen(app), errors };
}

function notify(url: string, path: string, body: string, sign: { path?: string; keys?: typeof antom } = {}) {
  const headers = signedHeaders({
    path: sign.path ?? path,
    clientId: CLIENT_ID,
    body,
    privateKey: (sign.keys ?? antom).privateKeyObject,
  });
  return send(url + path, { headers, body });
}

const PATH = '/api/v1/antom/notifications';
const idOf = (body: string) => (JSON.parse(body) as { paymentRequestId: string }).paymentRequestId;

describe('@AntomNotificationEndpoint on an app controller (global prefix, URI versioning, global guards, filter, interceptor)', () => {
  let app: INestApplication;
  let url: string;
  let errors: unknown[];
  beforeAll(async () => {
    ({ app, url, errors } = await startApp(true));
  });
  afterAll(() => app?.close());

  it('acks with exactly core reply: status, content-type and bytes, after the typed handler ran', async () => {
    const body = paymentResult();
    const reply = await notify(url, PATH, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(ANTOM_ACK_BODY);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers.etag).toBeUndefined();
    expect(handled).toContain(`PAYMENT_RESULT:${idOf(body)}:S`);
  });

  it('dispatches each kind to its own method', async () => {
    const body = JSON.stringify({
      notifyType: 'REFUND_RESULT',
      result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
      refundStatus: 'SUCCESS',
      refundRequestId: `rf_${Date.now()}`,
      refundId: 'r1',
      refundAmount: { currency: 'USD', value: '100' },
    });
    expect((await notify(url, PATH, body)).body).toBe(ANTOM_ACK_BODY);
    expect(handled).toContain(`REFUND_RESULT:${(JSON.parse(body) as { refundRequestId: string }).refundRequestId}`);
  });

  it('verifies the exact original URL: a signature without the global prefix and version is refused', async () => {
    const body = paymentResult();
    const reply = await notify(url, PATH, body, { path: '/antom/notifications' });
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('{"error":"invalid signature"}');
    expect(handled.some((h) => h.includes(idOf(body)))).toBe(false);
    const withQuery = `${PATH}?tenant=a%20b`;
    expect((await notify(url, withQuery, paymentResult())).body).toBe(ANTOM_ACK_BODY);
  });

  it('refuses another key with core reply (the app filter does not reshape it) and runs no handler', async () => {
    const body = paymentResult();
    const reply = await notify(url, PATH, body, { keys: merchant });
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('{"error":"invalid signature"}');
    expect(handled.some((h) => h.includes(idOf(body)))).toBe(false);
  });

  it('turns a handler exception into 500 without ack (global filter not involved), then acks the retry', async () => {
    const body = paymentResult();
    failuresFor.set(idOf(body), 1);
    const before = errors.length;
    const failed = await notify(url, PATH, body);
    expect(failed.status).toBe(500);
    expect(failed.body).not.toBe(ANTOM_ACK_BODY);
    expect(failed.body).not.toContain('wrappedByApp');
    expect(errors.length).toBe(before);
    expect((await notify(url, PATH, body)).body).toBe(ANTOM_ACK_BODY);
    expect(handled.filter((h) => h.includes(idOf(body)))).toHaveLength(1);
  });

  it("keeps the app's guards working: the throttler saw the notification, auth still guards other routes", async () => {
    const body = paymentResult();
    throttled.length = 0;
    await notify(url, PATH, body);
    expect(throttled).toEqual([PATH]);
    expect((await send(`${url}/api/v1/orders`, { method: 'GET' })).status).toBe(401);
    const ok = await send(`${url}/api/v1/orders`, { method: 'GET', headers: { authorization: 'Bearer app-token' } });
    expect(JSON.parse(ok.body)).toEqual({ data: [] });
  });

  it('keeps metadata of decorators below it (auth exemption) and the route method parameters', async () => {
    const body = paymentResult();
    const path = '/api/v1/antom/notifications-reversed';
    expect((await notify(url, path, body)).body).toBe(ANTOM_ACK_BODY);
    expect(seenClientIds).toEqual([CLIENT_ID]);
    expect(handled).toContain(`PAYMENT_RESULT:${idOf(body)}:S`);
  });

  it('does not exist under another version or without the prefix', async () => {
    const body = paymentResult();
    expect((await notify(url, '/api/v2/antom/notifications', body)).status).toBe(404);
    expect((await notify(url, '/antom/notifications', body)).status).toBe(404);
  });
});

describe('without NestFactory.create(App, { rawBody: true })', () => {
  let app: INestApplication;
  let url: string;
  let errors: unknown[];
  beforeAll(async () => {
    ({ app, url, errors } = await startApp(false));
  });
  afterAll(() => app?.close());

  it('fails the first request with an error naming rawBody: true and useBodyParser, no ack, no handler', async () => {
    const body = paymentResult();
    const reply = await notify(url, PATH, body);
    expect(reply.status).toBe(500);
    expect(reply.body).not.toBe(ANTOM_ACK_BODY);
    expect(handled.some((h) => h.includes(idOf(body)))).toBe(false);
    const error = errors.find((e) => (e as { code?: string }).code === 'BODY_ALREADY_PARSED') as Error;
    expect(error).toBeDefined();
    expect(error.message).toContain('NestFactory.create(AppModule, { rawBody: true })');
    expect(error.message).toContain("app.useBodyParser('json', { limit })");
  });
});

describe('notifications: { path } registers the route for apps with no controller of their own', () => {
  @Module({
    imports: [
      AntomModule.forRoot({
        ...antomOptions,
        notifications: { ...antomOptions.notifications, path: 'antom/notify', decorators: [Public()] },
      }),
    ],
    providers: [PaymentsService, { provide: APP_GUARD, useClass: AppAuthGuard }],
  })
  class ZeroCodeModule {}

  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create(ZeroCodeModule, { rawBody: true, logger: false });
    app.setGlobalPrefix('shop');
    url = await listen(app);
  });
  afterAll(() => app?.close());

  it('serves POST <global prefix>/<path>, exempt from the app auth guard through the given decorators', async () => {
    const body = paymentResult();
    const reply = await notify(url, '/shop/antom/notify', body);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(ANTOM_ACK_BODY);
    expect(handled).toContain(`PAYMENT_RESULT:${idOf(body)}:S`);
  });
});
