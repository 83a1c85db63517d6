import { keyPair } from '@antomkit/conformance';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import {
  AntomModule,
  InjectAntomReceiver,
  OnAntomNotification,
  type PaymentResultNotification,
  type RefundResultNotification,
} from './index';
import { UNUSED_GATEWAY } from './test-support';

const keys = keyPair();
const forRoot = (extra: { name?: string } = {}) =>
  AntomModule.forRoot({
    clientId: 'DISCOVERY',
    privateKey: keys.privateKey,
    antomPublicKey: keys.publicKey,
    gateway: UNUSED_GATEWAY,
    notifications: { logger: false },
    ...extra,
  });

@Injectable()
class OrdersService {
  @OnAntomNotification('PAYMENT_RESULT')
  onPaid(_n: PaymentResultNotification) {}
}

@Injectable()
class LedgerService {
  @OnAntomNotification('REFUND_RESULT')
  onRefund(_n: RefundResultNotification) {}

  @OnAntomNotification('PAYMENT_RESULT')
  recordPayment(_n: PaymentResultNotification) {}
}

describe('@OnAntomNotification discovery', () => {
  it('fails at boot when two methods handle one kind, naming both', async () => {
    @Module({ providers: [LedgerService] })
    class LedgerModule {}
    const app = await NestFactory.create(
      { module: class AppModule {}, imports: [forRoot(), LedgerModule], providers: [OrdersService] },
      { logger: false, abortOnError: false },
    );
    const error = await app.init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOTIFICATION_HANDLER_DUPLICATE' });
    expect((error as Error).message).toMatch(
      /Two @OnAntomNotification\('PAYMENT_RESULT'\) handlers: .*(OrdersService\.onPaid\(\).*LedgerService\.recordPayment\(\)|LedgerService\.recordPayment\(\).*OrdersService\.onPaid\(\))/,
    );
    await app.close();
  });

  it('finds handlers in any module and keeps one kind per named app apart', async () => {
    @Injectable()
    class ApacOrders {
      @OnAntomNotification('PAYMENT_RESULT', { name: 'apac' })
      onPaid(_n: PaymentResultNotification) {}
    }
    @Injectable()
    class Probe {
      constructor(
        @InjectAntomReceiver() readonly main: { dispatch: unknown },
        @InjectAntomReceiver('apac') readonly apac: { dispatch: unknown },
      ) {}
    }
    @Module({ providers: [OrdersService, ApacOrders] })
    class OrdersModule {}
    const ref = await Test.createTestingModule({
      imports: [forRoot(), forRoot({ name: 'apac' }), OrdersModule],
      providers: [Probe],
    }).compile();
    const app = ref.createNestApplication({ logger: false });
    await expect(app.init()).resolves.toBe(app);
    expect(ref.get(Probe).main).not.toBe(ref.get(Probe).apac);
    await app.close();
  });

  it('types the argument by kind (checked by tsc)', () => {
    class Typed {
      @OnAntomNotification('PAYMENT_RESULT')
      ok(n: PaymentResultNotification) {
        return n.paymentAmount.value;
      }

      // @ts-expect-error a refund handler cannot be registered for PAYMENT_RESULT
      @OnAntomNotification('PAYMENT_RESULT')
      wrong(n: RefundResultNotification) {
        return n.refundId;
      }

      @OnAntomNotification('*')
      any(n: { kind: string }) {
        return n.kind;
      }
    }
    expect(Typed).toBeDefined();
  });
});

describe('@OnAntomNotification from untyped code', () => {
  it('fails at boot for an unknown kind, naming the method', async () => {
    @Injectable()
    class Typo {
      @OnAntomNotification('PAYMENT_RESULTS' as 'PAYMENT_RESULT')
      onPaid(_n: PaymentResultNotification) {}
    }
    const ref = await Test.createTestingModule({ imports: [forRoot()], providers: [Typo] }).compile();
    const app = ref.createNestApplication({ logger: false });
    const error = await app.init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOTIFICATION_KIND_UNKNOWN' });
    expect((error as Error).message).toContain('Typo.onPaid()');
    expect((error as Error).message).toContain('PAYMENT_RESULTS');
    await app.close();
  });
});
