import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AntomConfigError, type DedupeStore, MemoryDedupeStore } from '@antomkit/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisDedupeStore } from './index';
import { behaviour, expectedTrace, play } from './test/behaviour';

const url = inject('redisUrl');
let redis: Redis;
const uniquePrefix = () => `t:${randomUUID()}:`;

beforeAll(async () => {
  redis = new Redis(url);
  await redis.ping();
});
afterAll(() => redis.disconnect());

const stores: Array<[string, () => DedupeStore]> = [
  ['MemoryDedupeStore', () => new MemoryDedupeStore()],
  ['RedisDedupeStore', () => new RedisDedupeStore({ redis, prefix: uniquePrefix() })],
];

describe.each(stores)('%s behaves like the DedupeStore contract', (_name, makeStore) => {
  it.each(behaviour)('$name', async ({ steps }) => {
    expect(await play(makeStore(), steps)).toEqual(expectedTrace(steps));
  });
});

describe('RedisDedupeStore on a real redis-server', () => {
  it('stores one string key per notification under the prefix, with the lease and the TTL as PX', async () => {
    const store = new RedisDedupeStore({ redis });
    const key = `PAYMENT_RESULT:${randomUUID()}`;
    expect(await store.claim(key, 5_000)).toBe('claimed');
    expect(await redis.get(`antom:notify:${key}`)).toBe('processing');
    const lease = await redis.pttl(`antom:notify:${key}`);
    expect(lease).toBeGreaterThan(4_000);
    expect(lease).toBeLessThanOrEqual(5_000);

    await store.complete(key, 48 * 3_600_000);
    expect(await redis.get(`antom:notify:${key}`)).toBe('done');
    expect(await redis.pttl(`antom:notify:${key}`)).toBeGreaterThan(47 * 3_600_000);
    await redis.del(`antom:notify:${key}`);
  });

  it('honours a custom prefix and leaves other keys alone', async () => {
    const prefix = uniquePrefix();
    await redis.set(`${prefix}other`, 'mine');
    const store = new RedisDedupeStore({ redis, prefix });
    expect(await store.claim('x', 5_000)).toBe('claimed');
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}other`, `${prefix}x`]);
    await store.release('other');
    expect(await redis.get(`${prefix}other`)).toBe('mine');
  });

  it('a key that expired in Redis is claimable again (TTL honoured by the server)', async () => {
    const store = new RedisDedupeStore({ redis, prefix: uniquePrefix() });
    expect(await store.claim('k', 5_000)).toBe('claimed');
    await store.complete('k', 80);
    expect(await store.claim('k', 5_000)).toBe('done');
    await new Promise((r) => setTimeout(r, 200));
    expect(await store.claim('k', 5_000)).toBe('claimed');
  });

  it('reloads its scripts after SCRIPT FLUSH (NOSCRIPT)', async () => {
    const store = new RedisDedupeStore({ redis, prefix: uniquePrefix() });
    expect(await store.claim('k', 5_000)).toBe('claimed');
    await redis.script('FLUSH');
    expect(await store.claim('k', 5_000)).toBe('busy');
    await redis.script('FLUSH');
    await store.release('k');
    expect(await store.claim('k', 5_000)).toBe('claimed');
  });

  it('exactly one of many connections claims each key, the rest see busy, then done', async () => {
    const prefix = uniquePrefix();
    const clients = Array.from({ length: 16 }, () => new Redis(url));
    try {
      await Promise.all(clients.map((c) => c.ping()));
      const stores = clients.map((c) => new RedisDedupeStore({ redis: c, prefix }));
      const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
      const answers = await Promise.all(keys.map((k) => Promise.all(stores.map((s) => s.claim(k, 30_000)))));
      for (const perKey of answers) {
        expect(perKey.filter((a) => a === 'claimed')).toHaveLength(1);
        expect(perKey.filter((a) => a === 'busy')).toHaveLength(stores.length - 1);
      }
      await Promise.all(keys.map((k) => stores[0]!.complete(k, 30_000)));
      const after = await Promise.all(keys.map((k) => Promise.all(stores.map((s) => s.claim(k, 30_000)))));
      expect(new Set(after.flat())).toEqual(new Set(['done']));
    } finally {
      for (const c of clients) c.disconnect();
    }
  });

  it('exactly one of two processes claims each key', async () => {
    const prefix = uniquePrefix();
    const count = 300;
    const child = fileURLToPath(new URL('./test/claim-child.ts', import.meta.url));
    const procs = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx/esm', child, url, prefix, String(count)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = procs.map((p) => createInterface({ input: p.stdout })[Symbol.asyncIterator]());
    for (const l of lines) expect((await l.next()).value).toBe('ready');
    for (const p of procs) p.stdin.end('go\n');
    const won = await Promise.all(lines.map(async (l) => JSON.parse(String((await l.next()).value)) as string[]));
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode === null ? p.once('exit', r) : r(null)))));

    const all = [...won[0]!, ...won[1]!];
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    // the split varies run to run; the proof is above: every key claimed, none twice
    console.log(`two processes: ${won[0]!.length} + ${won[1]!.length} claims of ${count} keys`);
  }, 30_000);

  it('rejects missing clients and invalid durations with clear errors', async () => {
    expect(() => new RedisDedupeStore({} as never)).toThrow(AntomConfigError);
    expect(() => new RedisDedupeStore({ redis, prefix: 3 as never })).toThrow(/prefix/);
    const store = new RedisDedupeStore({ redis, prefix: uniquePrefix() });
    await expect(store.claim('k', 0)).rejects.toThrow(/leaseMs/);
    await expect(store.complete('k', Number.NaN)).rejects.toThrow(/ttlMs/);
  });

  it('surfaces a Redis outage as a rejected claim (the receiver answers 503 so Antom retries)', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    const store = new RedisDedupeStore({ redis: down });
    await expect(store.claim('k', 1_000)).rejects.toThrow();
    down.disconnect();
  });
});
