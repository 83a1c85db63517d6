import { randomUUID } from 'node:crypto';
import { createNotificationReceiver } from '@antomkit/core';
import { generateTestKeyPair, isAck, notificationFixtures, signNotification } from '@antomkit/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { RedisDedupeStore } from './index';

const antom = generateTestKeyPair();
const path = '/antom/notifications';
let redis: Redis[];

beforeAll(() => {
  redis = [new Redis(inject('redisUrl')), new Redis(inject('redisUrl'))];
});
afterAll(() => {
  for (const r of redis) r.disconnect();
});

it('two instances sharing Redis run each notification once; a failure is retried; duplicates are acked', async () => {
  const prefix = `t:${randomUUID()}:`;
  const handled: string[] = [];
  let failNext = true;
  const instances = redis.map((client) =>
    createNotificationReceiver({
      clientId: 'TEST_CLIENT',
      antomPublicKey: antom.publicKey,
      dedupe: new RedisDedupeStore({ redis: client, prefix }),
      logger: false,
    }).on('PAYMENT_RESULT', async (n) => {
      await new Promise((r) => setTimeout(r, 20));
      if (n.paymentRequestId === 'pay-flaky' && failNext) {
        failNext = false;
        throw new Error('database down');
      }
      handled.push(n.paymentRequestId);
    }),
  );
  const deliver = (instance: number, body: object) => {
    const signed = signNotification({ path, clientId: 'TEST_CLIENT', body, privateKey: antom.privateKey });
    return instances[instance]!.receive({ method: 'POST', path, headers: signed.headers, rawBody: signed.body });
  };

  const ids = Array.from({ length: 20 }, (_, i) => `pay-${i}`);
  const bodies = [...ids, 'pay-flaky'].map((paymentRequestId) =>
    notificationFixtures.PAYMENT_RESULT({ paymentRequestId, paymentId: `antom-${paymentRequestId}` }),
  );
  // the same notifications arrive at both instances at once
  const first = await Promise.all(bodies.flatMap((body) => [deliver(0, body), deliver(1, body)]));
  // per notification: one instance ran it and acked, the other was told to retry (409); the flaky one failed (500)
  expect(first.filter((reply) => isAck(reply))).toHaveLength(ids.length);
  expect(first.filter((reply) => reply.status === 409)).toHaveLength(ids.length + 1);
  expect(first.filter((reply) => reply.status === 500)).toHaveLength(1);
  expect([...handled].sort()).toEqual([...ids].sort());

  // Antom retries everything: the done ones are acked without running again, the failed one now runs
  const retry = await Promise.all(bodies.flatMap((body) => [deliver(1, body), deliver(0, body)]));
  const acked = retry.filter((reply) => isAck(reply));
  // both copies of each done notification are acked; of the flaky one's two copies, one runs and one is busy (409)
  expect(acked).toHaveLength(ids.length * 2 + 1);
  expect(retry.filter((reply) => reply.status === 409)).toHaveLength(1);
  expect(handled.filter((id) => id === 'pay-flaky')).toHaveLength(1);
  expect(handled).toHaveLength(ids.length + 1);
});
