/**
 * The notification half of the sample shop as a process, for the crash and many-instance tests:
 * `PORT`, `DATA_DIR` or `DATABASE_URL`, `ANTOM_CLIENT_ID`, `ANTOM_PUBLIC_KEY`, optional `REDIS_URL` (shared dedupe),
 * `HANDLER_DELAY_MS` (slow handlers, so a kill lands mid-work), `FAIL_REQUEST_IDS_MATCHING` (handler failures), `LOG_LEVEL=debug` (every receiver line to stdout).
 */
import type { DedupeStore, NotificationLogger } from '@antomkit/core';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import { listen, notificationShop } from '../support/shop';

const env = process.env;
const delayMs = Number(env.HANDLER_DELAY_MS ?? 0);
const debug = env.LOG_LEVEL === 'debug';

async function dedupeStore(): Promise<{ store: DedupeStore; close(): Promise<void> } | undefined> {
  if (!env.REDIS_URL) return undefined;
  // Typed loosely: @antomkit/redis is being built alongside; its contract is `new RedisDedupeStore({ redis, prefix })`.
  const [redisModule, { Redis }] = await Promise.all([import('@antomkit/redis'), import('ioredis')]);
  const { RedisDedupeStore } = redisModule as unknown as {
    RedisDedupeStore: new (options: { redis: unknown; prefix?: string }) => DedupeStore;
  };
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
  return {
    store: new RedisDedupeStore({ redis, prefix: env.REDIS_PREFIX ?? 'shop' }),
    close: async () => void redis.disconnect(),
  };
}

const logger: NotificationLogger = {
  info: (message, details) => debug && console.log('[debug]', message, details ?? ''),
  warn: (message, details) => console.warn('[warn]', message, details ?? ''),
  error: (message, details) => console.error('[error]', message, details ?? ''),
};

const sql = await openDatabase(
  env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? '.data' },
);
const orders = await OrderStore.open(sql);
const dedupe = await dedupeStore();
const { app, stats } = notificationShop({
  orders,
  clientId: env.ANTOM_CLIENT_ID!,
  antomPublicKey: env.ANTOM_PUBLIC_KEY!,
  ...(dedupe ? { dedupe: dedupe.store } : {}),
  logger,
  beforeHandle: async (key, requestId) => {
    if (debug) console.log('[debug] handling', key);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (env.FAIL_REQUEST_IDS_MATCHING && requestId.includes(env.FAIL_REQUEST_IDS_MATCHING)) {
      throw new Error(`handler failed on purpose for ${requestId}`);
    }
  },
});
app.get('/stats', (_req, res) => {
  res.json(stats);
});
const server = await listen(app, Number(env.PORT ?? 0));
console.log(`listening ${server.url} pid ${process.pid}`);

process.once('SIGTERM', () => {
  void (async () => {
    await server.close();
    await dedupe?.close();
    await orders.close();
    console.log(`stopped: ${JSON.stringify(stats)}`);
    process.exit(0);
  })();
});
