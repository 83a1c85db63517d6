import {
  type AdapterUnderTest,
  describeAdapterConformance,
  keyPair,
  type NotificationSetup,
  type PaymentSetup,
  type RunningApp,
  suitePaymentCallbacks,
} from '@antomkit/conformance';
import { AntomClient } from '@antomkit/core';
import { antomPaymentRoutes } from '@antomkit/express';
import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  Controller,
  type DynamicModule,
  type INestApplication,
  Injectable,
  Module,
  VERSION_NEUTRAL,
  VersioningType,
} from '@nestjs/common';
import { APP_GUARD, BaseExceptionFilter, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { AntomModule, type AntomModuleOptions, AntomNotificationEndpoint, OnAntomNotification } from './index';
import { AppAuthGuard, listen, Public, UNUSED_GATEWAY } from './test-support';

const merchant = keyPair();

/** A throttler-like global guard next to the app's auth guard. */
@Injectable()
class ThrottleGuard implements CanActivate {
  static seen = 0;
  canActivate(): boolean {
    ThrottleGuard.seen += 1;
    return true;
  }
}

@Catch()
class RecordingFilter extends BaseExceptionFilter {
  constructor(
    private readonly errors: unknown[],
    app: INestApplication,
  ) {
    super(app.getHttpAdapter());
  }
  override catch(error: unknown, host: ArgumentsHost) {
    this.errors.push(error);
    super.catch(error, host);
  }
}

function appModule(antom: DynamicModule, path: string, handle: (n: unknown) => Promise<void>) {
  @Injectable()
  class SuiteHandlers {
    @OnAntomNotification('PAYMENT_RESULT')
    onPayment(n: unknown) {
      return handle(n);
    }
  }
  @Controller({ version: VERSION_NEUTRAL })
  class AntomController {
    @Public()
    @AntomNotificationEndpoint(path)
    receive() {}
  }
  @Module({
    imports: [antom],
    controllers: [AntomController],
    providers: [
      SuiteHandlers,
      { provide: APP_GUARD, useClass: ThrottleGuard },
      { provide: APP_GUARD, useClass: AppAuthGuard },
    ],
  })
  class AppModule {}
  return AppModule;
}

async function run(app: INestApplication, errors: unknown[], prefix = ''): Promise<RunningApp> {
  if (prefix) app.setGlobalPrefix(prefix);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalFilters(new RecordingFilter(errors, app));
  return { url: await listen(app), errors, close: () => app.close() };
}

const nest: AdapterUnderTest = {
  bodyModes: ['stream', 'raw-parser', 'kept-raw-body'],
  mounts: ['route', 'prefix'],
  parsedBodyFix: ['NestFactory.create(AppModule, { rawBody: true })', "app.useBodyParser('json', { limit })"],
  async startNotifications(setup: NotificationSetup) {
    const { clientId, antomPublicKey, ...notifications } = setup.receiver;
    const antom = AntomModule.forRoot({
      clientId,
      antomPublicKey,
      privateKey: merchant.privateKey,
      gateway: UNUSED_GATEWAY,
      notifications,
    });
    const AppModule = appModule(antom, setup.path, setup.handlers.PAYMENT_RESULT);
    const app = await NestFactory.create(AppModule, {
      logger: false,
      ...(setup.body === 'kept-raw-body' ? { rawBody: true } : {}),
      ...(setup.body === 'stream' || setup.body === 'raw-parser' ? { bodyParser: false } : {}),
    });
    if (setup.body === 'raw-parser') app.use(express.raw({ type: 'application/json', limit: '1mb' }));
    const running = await run(app, [], setup.mount === 'prefix' ? setup.prefix : '');
    return running;
  },
  // Payment routes under platform-express: the Express router from @antomkit/express, fed the module's client.
  async startPayments(setup: PaymentSetup) {
    const server = express();
    // Mounted once the port (and so publicUrl) is known; a real app passes its PUBLIC_URL up front.
    const mounted: { routes?: Router } = {};
    server.use((req: Request, res: Response, next: NextFunction) =>
      mounted.routes ? mounted.routes(req, res, next) : next(),
    );
    const options: AntomModuleOptions = {
      client: setup.client as AntomClient,
      antomPublicKey: setup.receiver.antomPublicKey,
      notifications: { logger: false },
    };
    const AppModule = appModule(AntomModule.forRoot(options), setup.notifyPath, setup.handlers.PAYMENT_RESULT);
    const app = await NestFactory.create(AppModule, new ExpressAdapter(server), { rawBody: true, logger: false });
    const running = await run(app, []);
    mounted.routes = antomPaymentRoutes({
      client: app.get(AntomClient),
      publicUrl: running.url,
      notifyPath: setup.notifyPath,
      ...suitePaymentCallbacks(setup, (req: Request) => req.get('authorization')),
      onReturn: (_req, res, { update }) => {
        res.type('html').send(`<p data-testid="order-status">${update?.paymentStatus ?? ''}</p>`);
      },
    });
    return running;
  },
};

describeAdapterConformance('nestjs (platform-express)', nest);
