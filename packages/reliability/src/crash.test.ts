import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestKeyPair, notificationFixtures } from '@antomkit/core/testing';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { NotificationDriver, seeded, shuffle } from './support/driver';
import { type ShopProcess, startShopProcess } from './support/process';

const CLIENT_ID = 'CRASH_CLIENT';
const PAYMENTS = 300;
const DUPLICATES = 100;
const antom = generateTestKeyPair();

describe('crash safety: kill -9 while notifications are being processed, restart on the same DATA_DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'antom-crash-'));
  let shop: ShopProcess | undefined;
  afterAll(async () => {
    await shop?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the retries complete the work: every payment applied once, none lost', async () => {
    const random = seeded(7);
    const setup = await OrderStore.open(await openDatabase({ dataDir: dir }));
    const checkouts: string[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const order = await setup.createOrder([{ sku: 'cup-celadon', quantity: 1 }]);
      checkouts.push((await setup.startCheckout(order.orderId)).paymentRequestId);
    }
    await setup.close();

    const env = {
      DATA_DIR: dir,
      ANTOM_CLIENT_ID: CLIENT_ID,
      ANTOM_PUBLIC_KEY: antom.publicKeyBase64,
      HANDLER_DELAY_MS: '5',
    };
    shop = await startShopProcess(env);
    const first = shop;
    let acked = 0;
    const driver = new NotificationDriver({
      url: () => shop!.url,
      path: '/antom/notifications',
      clientId: CLIENT_ID,
      privateKey: antom.privateKeyObject,
      concurrency: 16,
      timeScale: 400,
      requestTimeoutMs: 5_000,
      onAck: () => void acked++,
    });
    const bodies = checkouts.map((id) => JSON.stringify(notificationFixtures.PAYMENT_RESULT({ paymentRequestId: id })));
    const order = shuffle([...bodies.keys(), ...shuffle([...bodies.keys()], random).slice(0, DUPLICATES)], random);
    for (const i of order) driver.add(`pay:${checkouts[i]}`, bodies[i]!);

    const started = performance.now();
    while (acked < PAYMENTS / 3) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = acked;
    const inFlightAtKill = driver.deliveries.filter((d) => !d.acked && d.attempts > 0).length;
    // Antom keeps retrying on its schedule; the shop comes back on the same data directory.
    shop = await startShopProcess(env);
    const restartMs = performance.now() - started;
    await driver.done();
    await driver.close();
    const ms = performance.now() - started;
    await shop.stop();
    const stopped = shop.output();
    shop = undefined;

    const orders = await OrderStore.open(await openDatabase({ dataDir: dir }));
    const events = await orders.events();
    const paid = events.filter((e) => e.event === 'PAYMENT_SUCCESS');
    const [processed] = await orders.sql.query<{ n: string }>('SELECT COUNT(*) AS n FROM processed_notifications');
    const [pending] = await orders.sql.query<{ n: string }>("SELECT COUNT(*) AS n FROM orders WHERE status <> 'PAID'");
    await orders.close();
    const replies = new Map<number, number>();
    for (const d of driver.deliveries) for (const s of d.statuses) replies.set(s, (replies.get(s) ?? 0) + 1);
    const statsLine = /stopped: (.*)/.exec(stopped)?.[1];
    console.log(
      `[crash] ${driver.deliveries.length} deliveries (${PAYMENTS} payments + ${DUPLICATES} duplicates); kill -9 after ${killedAt} acks with ${inFlightAtKill} deliveries in flight or awaiting retry; ` +
        `restarted after ${restartMs.toFixed(0)} ms; all acked after ${ms.toFixed(0)} ms and ${driver.attempts} attempts; replies ${JSON.stringify(Object.fromEntries(replies))} (0 = connection refused/reset); ` +
        `transport errors ${JSON.stringify(Object.fromEntries(driver.errors))}; restarted shop handler stats ${statsLine}; PAYMENT_SUCCESS events ${paid.length}, distinct ${new Set(paid.map((e) => e.detail)).size}; processed_notifications ${processed!.n}`,
    );
    expect(driver.deliveries.every((d) => d.acked)).toBe(true);
    expect(driver.errors.size, 'the kill left deliveries without an answer').toBeGreaterThan(0);
    expect(paid).toHaveLength(PAYMENTS);
    expect(new Set(paid.map((e) => e.detail)).size).toBe(PAYMENTS);
    expect(Number(processed!.n)).toBe(PAYMENTS);
    expect(Number(pending!.n)).toBe(0);
  });
});
