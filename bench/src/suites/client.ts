import { sign, verify } from 'node:crypto';
import { AntomClient } from '@antomkit/core';
import { Pool } from 'undici';
import { type ChildServer, startChild } from '../child';
import { CLIENT_ID, keyPairs, PAY_PATH, payRequest } from '../fixtures';
import { type Suite, throughput } from '../harness';

interface PayAnswer {
  result: { resultStatus: string; resultCode: string };
  paymentId?: string;
}

export type Gateway = ChildServer;

/** Starts `gateway.ts` in its own process on 127.0.0.1 (a second core serves while this one calls). */
export function startGateway(): Promise<Gateway> {
  const keys = keyPairs();
  return startChild(new URL('../gateway.ts', import.meta.url), [
    JSON.stringify([keys.merchantPublicPem, keys.antomPrivatePem]),
  ]);
}

function verifyAnswer(
  path: string,
  time: string | null,
  header: string | null,
  text: string,
  key: Parameters<typeof verify>[2],
): void {
  const value = header ?? '';
  const signature = Buffer.from(decodeURIComponent(value.slice(value.indexOf('signature=') + 10)), 'base64');
  if (!time || !verify('sha256', Buffer.from(`POST ${path}\n${CLIENT_ID}.${time}.${text}`), key, signature)) {
    throw new Error('response signature did not verify');
  }
}

let sequence = 0;
const nextId = () => `pay-bench-${process.pid}-${++sequence}`;

/** The floor: undici Pool + node:crypto with keys parsed once; sign, send, verify the answer, parse it. */
export function barePay(pool: Pool): () => Promise<PayAnswer> {
  const { merchantPrivate, antomPublic } = keyPairs();
  return async () => {
    const body = JSON.stringify(payRequest(nextId()));
    const time = String(Date.now());
    const signature = sign('sha256', Buffer.from(`POST ${PAY_PATH}\n${CLIENT_ID}.${time}.${body}`), merchantPrivate);
    const res = await pool.request({
      method: 'POST',
      path: PAY_PATH,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': CLIENT_ID,
        'request-time': time,
        signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature.toString('base64'))}`,
      },
      body,
    });
    const text = await res.body.text();
    const header = res.headers.signature;
    const responseTime = res.headers['response-time'];
    verifyAnswer(
      PAY_PATH,
      typeof responseTime === 'string' ? responseTime : null,
      typeof header === 'string' ? header : null,
      text,
      antomPublic,
    );
    return JSON.parse(text) as PayAnswer;
  };
}

/** What Node users write today: global fetch, PEM strings handed to crypto on every call (parsed each time). */
export function naivePay(origin: string): () => Promise<PayAnswer> {
  const { merchantPrivatePem, antomPublicPem } = keyPairs();
  return async () => {
    const body = JSON.stringify(payRequest(nextId()));
    const time = String(Date.now());
    const signature = sign('sha256', Buffer.from(`POST ${PAY_PATH}\n${CLIENT_ID}.${time}.${body}`), merchantPrivatePem);
    const res = await fetch(origin + PAY_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': CLIENT_ID,
        'request-time': time,
        signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature.toString('base64'))}`,
      },
      body,
    });
    const text = await res.text();
    verifyAnswer(PAY_PATH, res.headers.get('response-time'), res.headers.get('signature'), text, antomPublicPem);
    return JSON.parse(text) as PayAnswer;
  };
}

export function oursPay(antom: AntomClient): () => Promise<PayAnswer> {
  return () => antom.payments.pay(payRequest(nextId()) as never) as Promise<PayAnswer>;
}

/** Calls in flight at once, as a busy checkout server would have. */
const CONCURRENCY = 8;

export const clientSuite: Suite = {
  name: 'client',
  async setup({ quick }) {
    const keys = keyPairs();
    const gateway = await startGateway();
    const pool = new Pool(gateway.origin, { connections: 32, keepAliveTimeout: 10_000 });
    const antom = new AntomClient({
      clientId: CLIENT_ID,
      privateKey: keys.merchantPrivatePem,
      antomPublicKey: keys.antomPublicPem,
      gateway: gateway.origin,
      maxRetries: 0,
    });
    const ms = quick ? 0 : 100;
    const slices = quick ? 1 : 5;
    const bare = throughput(barePay(pool), ms, CONCURRENCY);
    const ours = throughput(oursPay(antom), ms, CONCURRENCY);
    const naive = throughput(naivePay(gateway.origin), ms, CONCURRENCY);
    // The gateway process and both clients take a few seconds of calls to reach steady speed (JIT, pools); one
    // harness warm-up slice is far too short for that.
    if (!quick) for (let i = 0; i < 6; i++) for (const sample of [ours, bare, naive]) await sample();
    return {
      pairs: [
        {
          name: 'antom.payments.pay round trip',
          unit: 'calls/s',
          higherIsBetter: true,
          target: 0.9,
          baselineLabel: 'undici Pool + node:crypto, parsed keys',
          slices,
          ours,
          baseline: bare,
        },
        {
          name: 'naive: fetch + PEM parsed per call (for reference)',
          unit: 'calls/s',
          higherIsBetter: true,
          baselineLabel: 'undici Pool + node:crypto, parsed keys',
          slices,
          ours: naive,
          baseline: bare,
        },
      ],
      async teardown() {
        await antom.close();
        await pool.close();
        await gateway.close();
      },
    };
  },
};
