import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANTOM_ACK_BODY, AntomClient, MemoryDedupeStore } from '@antomkit/core';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from './child';
import { BASELINE_PATH, OURS_PATH } from './endpoints/common';
import { CLIENT_ID, keyPairs, PAY_BODY, PAY_PATH, REQUEST_TIME } from './fixtures';
import { compare, median, type Pair, syncThroughput } from './harness';
import { compareLoad } from './load';
import { table } from './report';
import { barePay, type Gateway, naivePay, oursPay, startGateway } from './suites/client';
import { importCode, nodeStartup, publicPackages } from './suites/cold-start';
import { dedupeSuite, distinctNotifications, NO_DEDUPE, receiveThroughput } from './suites/dedupe';
import { compareEndpoints, FRAMEWORKS, signedTarget, startEndpoints } from './suites/endpoints';
import { reportsSuite } from './suites/reports';
import { bareSign, oursSign, signingSuite } from './suites/signing';
import { bareVerify, oursVerify, verifyingSuite } from './suites/verifying';

const once = { rounds: 2, warmup: 0 };

describe('harness', () => {
  it('alternates sides, takes the median per-round ratio and judges the target by direction', async () => {
    const calls: string[] = [];
    const values = { ours: [2, 4], baseline: [1, 1] };
    const pair: Pair = {
      name: 'x',
      unit: 'ms',
      higherIsBetter: false,
      target: 2.5,
      baselineLabel: 'b',
      ours: async () => {
        calls.push('o');
        return values.ours.shift()!;
      },
      baseline: async () => {
        calls.push('b');
        return values.baseline.shift()!;
      },
    };
    const result = await compare('s', pair, once);
    expect(calls).toEqual(['o', 'b', 'b', 'o']);
    expect(result.ratio).toBe(3);
    expect(result.pass).toBe(false);
    expect(median([3, 1, 2])).toBe(2);
    expect(table([result])).toContain('3.000x (target <= 2.50x) MISSED');
  });
});

describe('signing and verifying do the same work as their baselines', () => {
  it('signRequest in both modes gives the bare header byte for byte', () => {
    expect(oursSign('KeyObject')).toBe(bareSign());
    expect(oursSign('PEM')).toBe(bareSign());
  });

  it('both verifiers accept the signature', () => {
    expect(bareVerify()).toBe(true);
    expect(oursVerify('KeyObject')).toBe(true);
    expect(oursVerify('PEM')).toBe(true);
  });

  it('the suites run end to end', async () => {
    for (const suite of [signingSuite, verifyingSuite]) {
      const { pairs } = await suite.setup({ quick: true });
      for (const pair of pairs) {
        const result = await compare(suite.name, pair, once);
        expect(result.ratio).toBeGreaterThan(0);
      }
    }
    expect(await syncThroughput(() => undefined, 0)()).toBeGreaterThan(0);
  });
});

describe('client round trip against the loopback gateway', () => {
  let gateway: Gateway;
  let pool: Pool;
  let antom: AntomClient;

  beforeAll(async () => {
    gateway = await startGateway();
    pool = new Pool(gateway.origin);
    const keys = keyPairs();
    antom = new AntomClient({
      clientId: CLIENT_ID,
      privateKey: keys.merchantPrivatePem,
      antomPublicKey: keys.antomPublicPem,
      gateway: gateway.origin,
      maxRetries: 0,
    });
  });
  afterAll(async () => {
    await antom.close();
    await pool.close();
    await gateway.close();
  });

  it('ours, bare and naive each get a verified answer for their own paymentRequestId', async () => {
    for (const pay of [oursPay(antom), barePay(pool), naivePay(gateway.origin)]) {
      const answers = await Promise.all([pay(), pay()]);
      for (const answer of answers) {
        expect(answer.result.resultCode).toBe('PAYMENT_IN_PROCESS');
        expect(answer.paymentId).toMatch(/^2026pay-bench-/);
      }
      expect(answers[0]!.paymentId).not.toBe(answers[1]!.paymentId);
    }
  });

  it('the gateway refuses a request signed with another key', async () => {
    const res = await fetch(gateway.origin + PAY_PATH, {
      method: 'POST',
      headers: { 'client-id': CLIENT_ID, 'request-time': REQUEST_TIME, signature: 'signature=AAAA' },
      body: PAY_BODY,
    });
    expect(res.status).toBe(401);
  });
});

describe('cold start', () => {
  it('finds the public packages and times a fresh node importing one', async () => {
    const packages = publicPackages();
    expect(packages.map((p) => p.name)).toContain('@antomkit/core');
    const core = packages.find((p) => p.name === '@antomkit/core')!;
    expect(await nodeStartup(importCode(core.entry))()).toBeGreaterThan(0);
  });
});

describe('load comparisons (for the adapter suites)', () => {
  it('runs autocannon on two loopback routes and reports requests/s and p99 ratios', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/missing' ? 404 : 200).end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [rps, p99] = await compareLoad(
        'smoke',
        {
          name: 'echo',
          ours: { url: `${origin}/a`, body: '{}' },
          baseline: { url: `${origin}/b` },
          baselineLabel: 'b',
        },
        { amount: 20, connections: 2, rounds: 1, warmup: 0 },
      );
      expect(rps!.ratio).toBeGreaterThan(0);
      expect(p99!.unit).toBe('ms');
      expect(p99!.ratios).toHaveLength(1);
      await expect(
        compareLoad(
          'smoke',
          { name: 'x', ours: { url: `${origin}/missing` }, baseline: { url: `${origin}/b` }, baselineLabel: 'b' },
          { amount: 5, connections: 1, rounds: 1, warmup: 0 },
        ),
      ).rejects.toThrow(/non-2xx/);
    } finally {
      server.close();
    }
  });
});

describe('notification endpoints: adapter route and hand-written route in each framework', () => {
  const servers = new Map<string, ChildServer>();
  beforeAll(async () => {
    const started = await Promise.all(FRAMEWORKS.map(startEndpoints));
    for (const [i, framework] of FRAMEWORKS.entries()) servers.set(framework, started[i]!);
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.close()));
  });

  it.each(FRAMEWORKS)(
    '%s: both routes ack a signed notification with the exact bytes and refuse a forged one',
    async (framework) => {
      const { origin } = servers.get(framework)!;
      for (const path of [OURS_PATH, BASELINE_PATH]) {
        const { url, headers, body } = signedTarget(origin, path);
        const ok = await fetch(url, { method: 'POST', headers, body });
        expect([ok.status, await ok.text()]).toEqual([200, ANTOM_ACK_BODY]);
        const forged = await fetch(url, { method: 'POST', headers, body: body!.replace('"S"', '"F"') });
        expect(forged.status).toBe(401);
      }
    },
  );

  it('compares requests/s, p99 and server CPU per request with autocannon', async () => {
    const results = await compareEndpoints('koa', servers.get('koa')!, {
      amount: 20,
      connections: 2,
      rounds: 1,
      warmup: 0,
    });
    expect(results.map((r) => r.unit)).toEqual(['req/s', 'ms', 'µs']);
    expect(results[0]!.target).toBe(0.85);
    for (const r of results) expect(r.ratio).toBeGreaterThan(0);
  });
});

describe('de-duplication overhead', () => {
  it('both receivers ack every distinct notification once; the memory store then acks a copy without the handler', async () => {
    const inputs = distinctNotifications(3);
    for (const store of [() => new MemoryDedupeStore(), () => NO_DEDUPE]) {
      expect(await receiveThroughput(inputs, store)()).toBeGreaterThan(0);
    }
    const { pairs } = await dedupeSuite.setup({ quick: true });
    expect((await compare('dedupe', pairs[0]!, once)).ratio).toBeGreaterThan(0);
  });
});

describe('report parsing', () => {
  it('generates a settlement report, parses it in a fresh process and reports rows/s and peak memory', async () => {
    const { extra, teardown } = await reportsSuite.setup({ quick: true });
    try {
      const [rate, memory] = await extra!(once);
      expect(rate!.name).toContain('2,000 rows');
      expect(rate!.ours).toBeGreaterThan(0);
      expect(memory!.unit).toBe('bytes');
      expect(memory!.ours).toBeGreaterThan(10 * 2 ** 20);
    } finally {
      await teardown!();
    }
  });
});
