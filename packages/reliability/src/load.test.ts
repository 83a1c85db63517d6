import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestKeyPair, notificationFixtures } from '@antomkit/core/testing';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDriver, seeded, shuffle } from './support/driver';
import { mb } from './support/http';
import { listen, notificationShop } from './support/shop';

const CLIENT_ID = 'LOAD_CLIENT';
const PAYMENTS = process.env.SOAK ? 2_500 : 500;
const FAILED_PAYMENTS = PAYMENTS / 10;
const REFUNDS_PER_PAID = 2;
const DUPLICATE_SHARE = 0.3;
const CONCURRENCY = 32;
const FIRST_ATTEMPT_FAILURE_RATE = 0.1;
const TIME_SCALE = 2_000;

const antom = generateTestKeyPair();

describe(`load: ${PAYMENTS} payments, 30% duplicates, reordered, handler faults`, () => {
  let dir: string;
  let orders: OrderStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'antom-load-'));
    orders = await OrderStore.open(await openDatabase({ dataDir: dir }));
  });
  afterAll(async () => {
    await orders?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('handles every event exactly once, loses none, and every delivery is finally acked', async () => {
    const random = seeded(Number(process.env.LOAD_SEED ?? 11));
    const paid = new Set<number>();
    const checkouts: { orderId: string; paymentRequestId: string }[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const order = await orders.createOrder([{ sku: 'tea-oolong', quantity: 1 + (i % 3) }]);
      checkouts.push({ orderId: order.orderId, ...(await orders.startCheckout(order.orderId)) });
    }
    for (const i of shuffle([...checkouts.keys()], random).slice(FAILED_PAYMENTS)) paid.add(i);
    const events = PAYMENTS + paid.size * REFUNDS_PER_PAID;
    const deliveriesTotal = Math.round(events / (1 - DUPLICATE_SHARE));
    // Which events get a duplicate copy (some get two, so duplicates are exactly 30% of all deliveries).
    const copies = new Map<string, number>();
    const eventNames = [
      ...checkouts.map((c) => `pay:${c.paymentRequestId}`),
      ...[...paid].flatMap((i) =>
        Array.from({ length: REFUNDS_PER_PAID }, (_, r) => `refund:${checkouts[i]!.orderId}_r${r + 1}`),
      ),
    ];
    for (let left = deliveriesTotal - events; left > 0; left--) {
      const name = eventNames[Math.floor(random() * eventNames.length)]!;
      copies.set(name, (copies.get(name) ?? 0) + 1);
    }

    const firstRuns = new Set<string>();
    let injected = 0;
    const { app, stats } = notificationShop({
      orders,
      clientId: CLIENT_ID,
      antomPublicKey: antom.publicKeyBase64,
      beforeHandle: (key) => {
        if (firstRuns.has(key)) return;
        firstRuns.add(key);
        if (random() < FIRST_ATTEMPT_FAILURE_RATE) {
          injected++;
          throw new Error('injected failure on the first attempt');
        }
      },
    });
    const shop = await listen(app);
    const refundsStarted = new Set<number>();
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const driver: NotificationDriver = new NotificationDriver({
      url: () => shop.url,
      path: '/antom/notifications',
      clientId: CLIENT_ID,
      privateKey: antom.privateKeyObject,
      concurrency: CONCURRENCY,
      timeScale: TIME_SCALE,
      // A paid order gets its refunds once the payment notification was acknowledged, as a merchant would.
      onAck: (d) => {
        const i = checkouts.findIndex((c) => d.event === `pay:${c.paymentRequestId}`);
        if (i < 0 || !paid.has(i) || refundsStarted.has(i)) return;
        refundsStarted.add(i);
        void (async () => {
          for (let r = 0; r < REFUNDS_PER_PAID; r++) {
            const refund = await orders.startRefund(checkouts[i]!.orderId, { currency: 'USD', value: '100' });
            deliver(
              `refund:${refund.refundRequestId}`,
              JSON.stringify(notificationFixtures.REFUND_RESULT({ refundRequestId: refund.refundRequestId })),
            );
          }
        })();
      },
    });
    const deliver = (event: string, body: string) => {
      for (let n = 0; n <= (copies.get(event) ?? 0); n++) driver.add(event, body, random);
    };
    for (const [i, c] of shuffle([...checkouts.entries()], random)) {
      const body = notificationFixtures.PAYMENT_RESULT({
        paymentRequestId: c.paymentRequestId,
        ...(paid.has(i) ? {} : { result: { resultCode: 'PAYMENT_FAIL', resultStatus: 'F', resultMessage: 'failed' } }),
      } as never);
      deliver(`pay:${c.paymentRequestId}`, JSON.stringify(body));
    }
    try {
      // Refund deliveries join as payments are acked; wait until all of them were queued and acked.
      for (;;) {
        await driver.done();
        if (refundsStarted.size === paid.size && driver.deliveries.length === deliveriesTotal) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (driver.deliveries.every((d) => d.acked)) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await driver.close();
      await shop.close();
    }
    const ms = performance.now() - started;

    const all = await orders.events();
    const byType = new Map<string, number>();
    for (const e of all) byType.set(e.event, (byType.get(e.event) ?? 0) + 1);
    const distinct = new Set(all.map((e) => `${e.event}:${e.detail}`));
    const [processed] = await orders.sql.query<{ n: string }>('SELECT COUNT(*) AS n FROM processed_notifications');
    const statusRows = await orders.sql.query<{ status: string; n: string }>(
      'SELECT status, COUNT(*) AS n FROM orders GROUP BY status',
    );
    const statuses = Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)]));
    const replies = new Map<number, number>();
    for (const d of driver.deliveries) for (const s of d.statuses) replies.set(s, (replies.get(s) ?? 0) + 1);
    const maxTries = Math.max(...driver.deliveries.map((d) => d.attempts));
    console.log(
      `[load] ${driver.deliveries.length} deliveries (${events} events, ${driver.deliveries.length - events} duplicates = ${(((driver.deliveries.length - events) / driver.deliveries.length) * 100).toFixed(0)}%) for ${PAYMENTS} payments, ` +
        `${CONCURRENCY} concurrent, time scale 1/${TIME_SCALE}: ${driver.attempts} HTTP attempts in ${ms.toFixed(0)} ms; replies ${JSON.stringify(Object.fromEntries(replies))}; ` +
        `max tries for one delivery ${maxTries}; injected handler failures ${injected}; handler applications ${stats.applied}, refused replays ${stats.replays}; ` +
        `order_events ${JSON.stringify(Object.fromEntries(byType))}; processed_notifications ${processed!.n}; orders ${JSON.stringify(statuses)}; heap delta ${mb(process.memoryUsage().heapUsed - heapBefore)} MB` +
        (driver.errors.size ? `; transport errors ${JSON.stringify(Object.fromEntries(driver.errors))}` : ''),
    );

    expect(driver.deliveries).toHaveLength(deliveriesTotal);
    expect(driver.deliveries.every((d) => d.acked)).toBe(true);
    expect(injected).toBeGreaterThan(0);
    expect(byType.get('PAYMENT_SUCCESS')).toBe(paid.size);
    expect(byType.get('PAYMENT_FAIL')).toBe(FAILED_PAYMENTS);
    expect(byType.get('REFUND_SUCCESS')).toBe(paid.size * REFUNDS_PER_PAID);
    expect(distinct.size).toBe(all.length);
    expect(Number(processed!.n)).toBe(events);
    expect(stats.applied).toBe(events);
    expect(statuses).toEqual({ PARTIALLY_REFUNDED: paid.size, FAILED: FAILED_PAYMENTS });
  });
});
