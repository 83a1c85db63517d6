// A separate process with its own connection: waits for "go" on stdin, claims every key once, prints the ones it won.
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { RedisDedupeStore } from '../store';

const [url, prefix, count] = process.argv.slice(2) as [string, string, string];
const redis = new Redis(url);
const store = new RedisDedupeStore({ redis, prefix });
await redis.ping();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  const keys = Array.from({ length: Number(count) }, (_, i) => `k${i}`);
  const claims = await Promise.all(keys.map((k) => store.claim(k, 30_000)));
  process.stdout.write(`${JSON.stringify(keys.filter((_, i) => claims[i] === 'claimed'))}\n`);
  break;
}
redis.disconnect();
process.stdin.destroy();
