import { keyPair, paymentResult, send, signedHeaders } from '@antomkit/conformance';
import { AntomClient, type NotificationReceiver } from '@antomkit/core';
import { ANTOM_ACK_BODY } from '@antomkit/core/testing';
import { Controller, type INestApplication, Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AntomModule,
  type AntomModuleOptions,
  AntomNotificationEndpoint,
  InjectAntom,
  InjectAntomReceiver,
  OnAntomNotification,
  type PaymentResultNotification,
} from './index';
import { listen, UNUSED_GATEWAY } from './test-support';

const antom = keyPair();
const merchant = keyPair();
const options = (clientId: string, antomKey = antom): AntomModuleOptions => ({
  clientId,
  privateKey: merchant.privateKeyBase64,
  antomPublicKey: antomKey.publicKeyBase64,
  gateway: UNUSED_GATEWAY,
  notifications: { logger: false },
});

const CONFIG = Symbol('CONFIG');
@Module({ providers: [{ provide: CONFIG, useValue: { clientId: 'FROM_CONFIG' } }], exports: [CONFIG] })
class ConfigModule {}

@Injectable()
class Checkout {
  constructor(
    @InjectAntom() readonly antom: AntomClient,
    readonly byType: AntomClient,
    @InjectAntomReceiver() readonly receiver: NotificationReceiver,
  ) {}
}

/** A feature module that does not import AntomModule: it sees the client only when the module is global. */
@Module({ providers: [Checkout] })
class FeatureModule {}

let app: INestApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function boot(imports: unknown[], providers: unknown[] = [], controllers: unknown[] = []) {
  const ref = await Test.createTestingModule({
    imports: imports as never[],
    providers: providers as never[],
    controllers: controllers as never[],
  }).compile();
  app = ref.createNestApplication({ rawBody: true, logger: false });
  await app.init();
  return app;
}

describe('AntomModule.forRoot', () => {
  it('provides the AntomClient by @InjectAntom() and by type, and the receiver', async () => {
    const nest = await boot([AntomModule.forRoot(options('SYNC_CLIENT'))], [Checkout]);
    const checkout = nest.get(Checkout);
    expect(checkout.antom).toBeInstanceOf(AntomClient);
    expect(checkout.antom.clientId).toBe('SYNC_CLIENT');
    expect(checkout.byType).toBe(checkout.antom);
    expect(checkout.receiver.clientId).toBe('SYNC_CLIENT');
  });

  it('closes the client when the app closes', async () => {
    const nest = await boot([AntomModule.forRoot(options('CLOSING_CLIENT'))]);
    const client = nest.get(AntomClient);
    await nest.close();
    app = undefined;
    await expect(client.payments.inquiryPayment({ paymentRequestId: 'x' })).rejects.toMatchObject({
      code: 'CLIENT_CLOSED',
    });
  });

  it('is not global unless asked: a module that does not import it cannot inject the client', async () => {
    await expect(
      Test.createTestingModule({ imports: [AntomModule.forRoot(options('LOCAL')), FeatureModule] }).compile(),
    ).rejects.toThrow(/Checkout/);
  });
});

describe('AntomModule.forRootAsync', () => {
  it('useFactory + inject + imports with isGlobal: true reaches modules that do not import it', async () => {
    const nest = await boot([
      AntomModule.forRootAsync({
        isGlobal: true,
        imports: [ConfigModule],
        inject: [CONFIG],
        useFactory: async (config: { clientId: string }) => options(config.clientId),
      }),
      FeatureModule,
    ]);
    expect(nest.get(Checkout).antom.clientId).toBe('FROM_CONFIG');
  });

  it('isGlobal defaults to false on the async path too', async () => {
    await expect(
      Test.createTestingModule({
        imports: [AntomModule.forRootAsync({ useFactory: () => options('ASYNC_LOCAL') }), FeatureModule],
      }).compile(),
    ).rejects.toThrow(/Checkout/);
  });

  it('useClass and useExisting call createAntomOptions()', async () => {
    @Injectable()
    class AntomConfig {
      createAntomOptions(): AntomModuleOptions {
        return options('FROM_CLASS');
      }
    }
    @Module({ providers: [AntomConfig], exports: [AntomConfig] })
    class AntomConfigModule {}

    const byClass = await boot([AntomModule.forRootAsync({ isGlobal: true, useClass: AntomConfig }), FeatureModule]);
    expect(byClass.get(Checkout).antom.clientId).toBe('FROM_CLASS');
    await byClass.close();
    app = undefined;

    const byExisting = await boot([
      AntomModule.forRootAsync({ isGlobal: true, imports: [AntomConfigModule], useExisting: AntomConfig }),
      FeatureModule,
    ]);
    expect(byExisting.get(Checkout).antom.clientId).toBe('FROM_CLASS');
  });

  it('registers the notification route given next to the factory', async () => {
    @Injectable()
    class Handler {
      readonly seen: string[] = [];
      @OnAntomNotification('PAYMENT_RESULT')
      on(n: PaymentResultNotification) {
        this.seen.push(n.paymentRequestId);
      }
    }
    const nest = await boot(
      [
        AntomModule.forRootAsync({
          isGlobal: true,
          notifications: { path: 'antom/notifications' },
          useFactory: () => options('ASYNC_ROUTE'),
        }),
      ],
      [Handler],
    );
    const url = await listen(nest);
    const body = paymentResult();
    const path = '/antom/notifications';
    const headers = signedHeaders({ path, clientId: 'ASYNC_ROUTE', body, privateKey: antom.privateKeyObject });
    expect((await send(url + path, { headers, body })).body).toBe(ANTOM_ACK_BODY);
    expect(nest.get(Handler).seen).toEqual([JSON.parse(body).paymentRequestId]);
  });
});

describe('named Antom apps', () => {
  const apacKeys = keyPair();

  @Injectable()
  class Apps {
    constructor(
      @InjectAntom() readonly main: AntomClient,
      @InjectAntom('apac') readonly apac: AntomClient,
      @Inject(AntomClient) readonly alsoMain: AntomClient,
      @InjectAntom('eu') readonly eu: AntomClient,
    ) {}
  }

  @Injectable()
  class Handlers {
    readonly seen: string[] = [];
    @OnAntomNotification('PAYMENT_RESULT')
    main(n: PaymentResultNotification) {
      this.seen.push(`main:${n.paymentRequestId}`);
    }
    @OnAntomNotification('PAYMENT_RESULT', { name: 'apac' })
    apac(n: PaymentResultNotification) {
      this.seen.push(`apac:${n.paymentRequestId}`);
    }
  }

  @Controller('antom')
  class Hooks {
    @AntomNotificationEndpoint('main')
    main() {}
    @AntomNotificationEndpoint('apac', { name: 'apac' })
    apac() {}
  }

  it('injects each client by name and routes notifications to that app handlers only', async () => {
    const nest = await boot(
      [
        AntomModule.forRoot(options('MAIN')),
        AntomModule.forRoot({ ...options('APAC', apacKeys), name: 'apac' }),
        AntomModule.forRootAsync({ name: 'eu', useFactory: () => options('EU') }),
      ],
      [Apps, Handlers],
      [Hooks],
    );
    const apps = nest.get(Apps);
    expect([apps.main.clientId, apps.apac.clientId, apps.eu.clientId]).toEqual(['MAIN', 'APAC', 'EU']);
    expect(apps.alsoMain).toBe(apps.main);

    const url = await listen(nest);
    const post = (path: string, clientId: string, keys: typeof antom, body = paymentResult()) => {
      const headers = signedHeaders({ path, clientId, body, privateKey: keys.privateKeyObject });
      return send(url + path, { headers, body }).then((reply) => ({ reply, id: JSON.parse(body).paymentRequestId }));
    };
    const a = await post('/antom/apac', 'APAC', apacKeys);
    expect(a.reply.body).toBe(ANTOM_ACK_BODY);
    const m = await post('/antom/main', 'MAIN', antom);
    expect(m.reply.body).toBe(ANTOM_ACK_BODY);
    expect(nest.get(Handlers).seen).toEqual([`apac:${a.id}`, `main:${m.id}`]);

    const wrongApp = await post('/antom/apac', 'MAIN', antom);
    expect(wrongApp.reply.status).toBe(401);
    const wrongKey = await post('/antom/apac', 'APAC', antom);
    expect(wrongKey.reply.status).toBe(401);
    expect(nest.get(Handlers).seen).toHaveLength(2);
  });
});
