import { AntomConfigError, type DedupeClaim, type DedupeStore } from '@antomkit/core';
import type { Cluster, Redis } from 'ioredis';
import { CLAIM, type LuaScript, RELEASE } from './scripts';

export interface RedisDedupeStoreOptions {
  /** An ioredis client (or cluster) you own: the store never connects, quits or reconfigures it. */
  redis: Redis | Cluster;
  /** Prepended to every key. Default `antom:notify:`. */
  prefix?: string;
}

/**
 * De-duplication of Antom notifications shared by every instance that talks to the same Redis.
 *
 * One string key per notification, `<prefix><dedupeKey>`, whose value is `processing` (with the claim's lease
 * as its TTL) or `done` (with the completion TTL). Claim and release are Lua scripts, so each is atomic.
 */
export class RedisDedupeStore implements DedupeStore {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;

  constructor(options: RedisDedupeStoreOptions) {
    if (!options?.redis || typeof options.redis.evalsha !== 'function') {
      throw new AntomConfigError('REDIS_CLIENT_MISSING', 'RedisDedupeStore needs an ioredis client: { redis }.');
    }
    if (options.prefix !== undefined && typeof options.prefix !== 'string') {
      throw new AntomConfigError('REDIS_PREFIX_INVALID', 'RedisDedupeStore prefix must be a string.');
    }
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'antom:notify:';
  }

  async claim(key: string, leaseMs: number): Promise<DedupeClaim> {
    const reply = await this.#run(CLAIM, key, positiveMs(leaseMs, 'leaseMs'));
    if (reply === 'claimed' || reply === 'done' || reply === 'busy') return reply;
    throw new TypeError(`Unexpected reply from the Redis claim script: ${String(reply)}`);
  }

  async complete(key: string, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#prefix + key, 'done', 'PX', positiveMs(ttlMs, 'ttlMs'));
  }

  async release(key: string): Promise<void> {
    await this.#run(RELEASE, key);
  }

  /** EVALSHA first; on a server that has not seen the script yet (or was flushed), EVAL loads it. */
  async #run(script: LuaScript, key: string, ...args: number[]): Promise<unknown> {
    const redisKey = this.#prefix + key;
    try {
      return await this.#redis.evalsha(script.sha, 1, redisKey, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await this.#redis.eval(script.source, 1, redisKey, ...args);
    }
  }
}

function positiveMs(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) {
    throw new AntomConfigError('REDIS_TTL_INVALID', `${name} must be a positive number of milliseconds.`);
  }
  return Math.ceil(value);
}
