import { ANTOM_ACK_BODY, generateTestKeyPair } from '@antomkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, type Mutation } from './support/corpus';
import { heapAfterGc, loopbackAgent, mb, pool, sendRaw } from './support/http';
import { NOTIFY_PATH, SPARE_PRIVATE_KEY, TARGETS } from './support/targets';

const CLIENT_ID = 'RELIABILITY_CLIENT';
const MAX_BODY_BYTES = 256 * 1024;
const ROUNDS = process.env.SOAK ? 40 : 10;
/** Heap after the last round may exceed the heap after the first by at most this much. */
const HEAP_BOUND = 8 * 1024 * 1024;

const keys = generateTestKeyPair();
const other = generateTestKeyPair();
const rotated = generateTestKeyPair();

beforeAll(() => {
  SPARE_PRIVATE_KEY.value = other.privateKey;
  expect(typeof (globalThis as { gc?: unknown }).gc, 'vitest runs this file with --expose-gc').toBe('function');
});

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe.each(TARGETS)('hostile input: $name', (target) => {
  it(`rejects every mutation with the right status, runs no handler on one, keeps memory flat (${ROUNDS} rounds)`, async () => {
    const handled: Record<string, unknown>[] = [];
    const pollution: string[] = [];
    let refusals = 0;
    const app = await target.start({
      receiver: {
        clientId: CLIENT_ID,
        // A keyring, as while rotating: keyVersion picks the key, an unknown version has none.
        antomPublicKey: { '1': keys.publicKeyBase64, '2': rotated.publicKey },
        maxBodyBytes: MAX_BODY_BYTES,
        logger: { warn: () => void refusals++, error: () => void refusals++ },
      },
      onPayment: (n) => {
        handled.push(n);
        if (Object.getPrototypeOf(n) !== Object.prototype) pollution.push('notification prototype replaced');
        if ('polluted' in n || 'isAdmin' in n) pollution.push('notification carries polluted keys');
        const amount = n.paymentAmount as Record<string, unknown> | undefined;
        if (amount && 'polluted' in amount) pollution.push('nested object carries polluted keys');
        if (({} as Record<string, unknown>).polluted !== undefined) pollution.push('Object.prototype polluted');
      },
    });
    const agent = loopbackAgent();
    const wrong: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let acks = 0;
    let corpusSize = 0;
    const started = performance.now();
    const round = async () => {
      const corpus = buildCorpus({
        keys,
        other,
        clientId: CLIENT_ID,
        path: NOTIFY_PATH,
        maxBodyBytes: MAX_BODY_BYTES,
        methodRouted: target.methodRouted,
      });
      corpusSize = corpus.length;
      const before = handled.length;
      await pool(corpus, 8, async (m: Mutation) => {
        const reply = await sendRaw(agent, app.url + m.path, m).catch((error: Error) => ({
          status: -1,
          body: `${error.name}: ${error.message}`,
        }));
        sent++;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const isAck = reply.status === 200 && reply.body === ANTOM_ACK_BODY;
        if (isAck) acks++;
        if (m.expect === 'ack' ? !isAck : !m.expect.includes(reply.status) || isAck) {
          wrong.push(`${m.name}: got ${reply.status} ${reply.body.slice(0, 80)}, want ${String(m.expect)}`);
        }
      });
      const expectedHandled = corpus.filter((m) => m.expect === 'ack').length;
      expect(wrong).toEqual([]);
      expect(handled.length - before, 'handlers ran only for validly signed notifications').toBe(expectedHandled);
    };
    try {
      await round();
      expect(wrong).toEqual([]);
      const heapFirst = heapAfterGc();
      for (let i = 1; i < ROUNDS; i++) await round();
      const heapLast = heapAfterGc();
      const ms = performance.now() - started;
      console.log(
        `[hostile] ${target.name}: corpus ${corpusSize} mutations x ${ROUNDS} rounds = ${sent} requests in ${ms.toFixed(0)} ms; ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; acks ${acks}, handlers ${handled.length}; ` +
          `logged refusals ${refusals}; heap after round 1 ${mb(heapFirst)} MB, after round ${ROUNDS} ${mb(heapLast)} MB (delta ${mb(heapLast - heapFirst)} MB)`,
      );
      expect(corpusSize).toBeGreaterThanOrEqual(40);
      expect(wrong).toEqual([]);
      expect(pollution).toEqual([]);
      expect(heapLast - heapFirst).toBeLessThan(HEAP_BOUND);
    } finally {
      await agent.close();
      await app.close();
    }
  });
});
