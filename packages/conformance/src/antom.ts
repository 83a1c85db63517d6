import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { signRequest } from '@antomkit/core';
import { request } from 'undici';

export const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

export interface Keys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function keyPair(): Keys {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A PAYMENT_RESULT body as Antom sends it, with fresh ids unless given. */
export function paymentResult(overrides: Record<string, unknown> = {}): string {
  const id = randomUUID().replaceAll('-', '');
  return JSON.stringify({
    notifyType: 'PAYMENT_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    paymentRequestId: `pr_${id}`,
    paymentId: `20260101${id}`,
    paymentAmount: { currency: 'USD', value: '1000' },
    paymentCreateTime: '2026-01-01T10:00:00+08:00',
    paymentTime: '2026-01-01T10:00:05+08:00',
    ...overrides,
  });
}

/** The headers Antom sends with a notification, signed over `POST <path>\n<clientId>.<time>.<body>`. */
export function signedHeaders(input: {
  path: string;
  clientId: string;
  body: string | Buffer;
  privateKey: KeyObject;
  time?: string;
}): Record<string, string> {
  const time = input.time ?? new Date().toISOString();
  return {
    'content-type': 'application/json; charset=UTF-8',
    'client-id': input.clientId,
    'request-time': time,
    signature: signRequest({
      path: input.path,
      clientId: input.clientId,
      time,
      body: input.body,
      privateKey: input.privateKey,
    }),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  receivedAt: number;
}

/** One HTTP request over loopback; `body` as an iterable is sent chunked (no content-length). */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer | AsyncIterable<Buffer> },
): Promise<Reply> {
  const res = await request(url, {
    method: (init.method ?? 'POST') as 'POST',
    headers: init.headers ?? {},
    body: init.body as string,
  });
  const body = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body, receivedAt: performance.now() };
}
