import { generateTestKeyPair, notificationFixtures } from '@antomkit/core/testing';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDriver, seeded, shuffle } from './support/driver';
import { type ShopProcess, startShopProcess } from './support/process';
import { postgresAvailable, redisAvailable, type Service, startPostgres, startRedis } from './support/services';

const CLIENT_ID = 'INSTANCES_CLIENT';
const PAYMENTS = 200;
const antom = generateTestKeyPair();
const redisStoreReady = await import('@antomkit/redis').then(
  (m) => typeof (m as { RedisDedupeStore?: unknown }).RedisDedupeStore === 'function',
  () => false,
);
if (!redisStoreReady)
  console.log('[instances] @antomkit/redis exports no RedisDedupeStore yet: the Redis mode is skipped');

describe.skipIf(!postgresAvailable)('many instances: two shop processes, one PostgreSQL', () => {
  let postgres: Service;
  let redis: Service | undefined;
  beforeAll(async () => {
    postgres = await startPostgres();
    if (redisAvailable && redisStoreReady) redis = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
    await postgres?.stop();
  });

  const modes = [
    { name: 'memory dedupe per instance', redis: false },
    { name: 'a shared RedisDedupeStore', redis: true },
  ] as const;

  for (const mode of modes) {
    it.skipIf(mode.redis && !(redisAvailable && redisStoreReady))(
      `each notification handled once overall (${mode.name})`,
      async () => {
        const random = seeded(mode.redis ? 5 : 3);
        const setup = await OrderStore.open(await openDatabase({ databaseUrl: postgres.url }));
        const ids: string[] = [];
        for (let i = 0; i < PAYMENTS; i++) {
          const order = await setup.createOrder([{ sku: 'tea-jasmine', quantity: 1 }]);
          ids.push((await setup.startCheckout(order.orderId)).paymentRequestId);
        }
        const env = {
          DATABASE_URL: postgres.url,
          ANTOM_CLIENT_ID: CLIENT_ID,
          ANTOM_PUBLIC_KEY: antom.publicKeyBase64,
          HANDLER_DELAY_MS: '3',
          ...(mode.redis && redis ? { REDIS_URL: redis.url, REDIS_PREFIX: `shop-${Date.now()}` } : {}),
        };
        const shops: ShopProcess[] = await Promise.all([startShopProcess(env), startShopProcess(env)]);
        const driver = new NotificationDriver({
          url: (d) => shops[d.id % 2]!.url,
          path: '/antom/notifications',
          clientId: CLIENT_ID,
          privateKey: antom.privateKeyObject,
          concurrency: 32,
          timeScale: 2_000,
        });
        // Every notification goes to both instances at once (ids n and n+1 land on different shops), some twice.
        const started = performance.now();
        const extra = new Set(shuffle([...ids.keys()], random).slice(0, PAYMENTS / 4));
        for (const i of shuffle([...ids.keys()], random)) {
          const body = JSON.stringify(notificationFixtures.PAYMENT_RESULT({ paymentRequestId: ids[i]! }));
          for (let copy = 0; copy < (extra.has(i) ? 3 : 2); copy++) driver.add(`pay:${ids[i]}`, body);
        }
        let stats: string[] = [];
        try {
          await driver.done();
        } finally {
          await driver.close();
          await Promise.all(shops.map((s) => s.stop()));
          stats = shops.map((s) => /stopped: (.*)/.exec(s.output())?.[1] ?? '{}');
        }
        const ms = performance.now() - started;
        const events = (await setup.events()).filter((e) => e.event === 'PAYMENT_SUCCESS' && ids.includes(e.detail!));
        const applied = stats.map((s) => JSON.parse(s) as { applied: number; replays: number; failures: number });
        await setup.close();
        const replies = new Map<number, number>();
        for (const d of driver.deliveries) for (const s of d.statuses) replies.set(s, (replies.get(s) ?? 0) + 1);
        console.log(
          `[instances] ${mode.name}: ${driver.deliveries.length} deliveries of ${PAYMENTS} notifications split over 2 processes, 32 concurrent: ` +
            `${driver.attempts} attempts in ${ms.toFixed(0)} ms; replies ${JSON.stringify(Object.fromEntries(replies))}; ` +
            `handler applications per instance ${applied.map((a) => a.applied).join(' + ')} = ${applied.reduce((n, a) => n + a.applied, 0)}, replays refused by the database ${applied.map((a) => a.replays).join(' + ')}; ` +
            `PAYMENT_SUCCESS events ${events.length} (distinct ${new Set(events.map((e) => e.detail)).size})`,
        );
        expect(driver.deliveries.every((d) => d.acked)).toBe(true);
        expect(events).toHaveLength(PAYMENTS);
        expect(new Set(events.map((e) => e.detail)).size).toBe(PAYMENTS);
        expect(applied.reduce((n, a) => n + a.applied, 0)).toBe(PAYMENTS);
        expect(applied.every((a) => a.applied > 0)).toBe(true);
        if (mode.redis) expect(applied.reduce((n, a) => n + a.replays, 0)).toBe(0);
      },
    );
  }
});
