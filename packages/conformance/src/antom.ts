import type { KeyInput } from '@antomkit/core';
import { generateTestKeyPair, notificationFixtures, signNotification, type TestKeyPair } from '@antomkit/core/testing';
import { request } from 'undici';

export { ANTOM_ACK_BODY as ACK } from '@antomkit/core/testing';

export type Keys = TestKeyPair;

/** A fresh pair from the testing kit; the suite gives receivers the bare base64 the Antom dashboard shows. */
export function keyPair(): Keys {
  return generateTestKeyPair();
}

/** A PAYMENT_RESULT body from the testing kit's fixtures, with fresh ids, serialised once. */
export function paymentResult(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(notificationFixtures.PAYMENT_RESULT(overrides as never));
}

/** The headers Antom sends with a notification, signed by the testing kit over `POST <path>\n<clientId>.<time>.<body>`. */
export function signedHeaders(input: {
  path: string;
  clientId: string;
  body: string;
  privateKey: KeyInput;
  time?: string;
}): Record<string, string> {
  return { ...signNotification(input).headers };
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
