import { connect } from 'node:net';
import {
  AntomClient,
  type AntomClientOptions,
  createNotificationReceiver,
  type NotificationReceiver,
  type NotificationReceiverOptions,
  signRequest,
  verifySignature,
} from '@antomkit/core';
import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, type StartSandboxOptions, startSandbox } from './sandbox';

export interface RawCall {
  status: number;
  headers: Headers;
  text: string;
  json: { result: { resultCode: string; resultStatus: string; resultMessage: string } } & Record<string, any>;
}

/** A signed request as Antom's SDKs send it, built by hand (no AntomClient): path signed = path requested. */
export async function signedCall(
  sandbox: Sandbox,
  path: string,
  body: unknown,
  init: {
    clientId?: string;
    privateKey?: string;
    time?: string;
    keyVersion?: string | number;
    headers?: Record<string, string>;
    method?: string;
    prefix?: string;
    tamper?: (body: string) => string;
    /** Sign this path instead of the one requested. */
    signedPath?: string;
  } = {},
): Promise<RawCall> {
  const fullPath = `${init.prefix ?? '/ams/sandbox/api'}${path}`;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const clientId = init.clientId ?? sandbox.clientId;
  const time = init.time ?? String(Date.now());
  const signature = signRequest({
    path: init.signedPath ?? fullPath,
    clientId,
    time,
    body: text,
    privateKey: init.privateKey ?? sandbox.keys.merchantPrivateKey,
    ...(init.keyVersion !== undefined ? { keyVersion: init.keyVersion } : {}),
  });
  const res = await fetch(`${sandbox.url}${fullPath}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': clientId,
      'request-time': time,
      signature,
      ...init.headers,
    },
    ...((init.method ?? 'POST') === 'POST' ? { body: init.tamper ? init.tamper(text) : text } : {}),
  });
  const reply = await res.text();
  return { status: res.status, headers: res.headers, text: reply, json: JSON.parse(reply) };
}

/** Verifies a gateway response the way a client must: `POST <path>\n<client-id>.<response-time>.<body>`. */
export function responseVerifies(sandbox: Sandbox, path: string, call: RawCall): boolean {
  const signature = call.headers.get('signature');
  const time = call.headers.get('response-time');
  const clientId = call.headers.get('client-id');
  if (!signature || !time || !clientId) return false;
  return verifySignature({ path, clientId, time, body: call.text, signature, publicKey: sandbox.keys.antomPublicKey });
}

/** Sends raw bytes over TCP (for absolute-form request targets) and returns the raw HTTP reply. */
export function rawHttp(sandbox: Sandbox, request: string): Promise<string> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

export interface Received {
  path: string;
  body: Record<string, any>;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
  verified: boolean;
  at: number;
}

/**
 * A merchant endpoint on 127.0.0.1 that verifies each notification's signature for real and answers with
 * `reply` (the exact ack by default, and never an ack for a bad signature).
 */
export async function startNotificationEndpoint(
  sandbox: Sandbox,
  reply: (n: Received, index: number) => { status: number; body: string } | undefined = () => undefined,
) {
  const { createServer } = await import('node:http');
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verified = verifySignature({
        path: req.url ?? '/',
        clientId: String(req.headers['client-id']),
        time: String(req.headers['request-time']),
        body: raw,
        signature: String(req.headers.signature ?? ''),
        publicKey: sandbox.keys.antomPublicKey,
      });
      const n: Received = {
        path: req.url ?? '/',
        body: JSON.parse(raw),
        raw,
        headers: req.headers,
        verified,
        at: Date.now(),
      };
      received.push(n);
      const custom = reply(n, received.length - 1);
      const answer = !verified
        ? { status: 401, body: 'bad signature' }
        : (custom ?? {
            status: 200,
            body: '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}',
          });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(predicate: (all: Received[]) => boolean, timeoutMs = 5000): Promise<Received[]> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`timed out; received ${JSON.stringify(received.map((r) => r.body))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type NotificationEndpoint = Awaited<ReturnType<typeof startNotificationEndpoint>>;

/**
 * One sandbox for a test file, with a verifying notification endpoint (the merchant's notification URL when
 * `notificationPath` is given) and an AntomClient with `client` options (default: no retries). Started before the
 * file's tests, closed after them; read the fields inside tests and hooks.
 */
export function sandboxPerFile(
  options: StartSandboxOptions = {},
  setup: { notificationPath?: string; client?: Partial<AntomClientOptions> } = {},
) {
  const fixture = {} as { sandbox: Sandbox; endpoint: NotificationEndpoint; antom: AntomClient };
  beforeAll(async () => {
    fixture.sandbox = await startSandbox(options);
    fixture.endpoint = await startNotificationEndpoint(fixture.sandbox);
    if (setup.notificationPath) fixture.sandbox.setNotificationUrl(`${fixture.endpoint.url}${setup.notificationPath}`);
    fixture.antom = new AntomClient({ ...fixture.sandbox.clientOptions, ...(setup.client ?? { maxRetries: 0 }) });
  });
  afterAll(async () => {
    await fixture.antom?.close();
    await fixture.sandbox?.close();
    await fixture.endpoint?.close();
  });
  return fixture;
}

/**
 * The merchant side as an app would build it: `createNotificationReceiver` from `@antomkit/core` behind a plain
 * node:http server on 127.0.0.1. `handled` lists what the handlers ran for; `replies` what the receiver answered.
 */
export async function startReceiverServer(
  sandbox: Sandbox,
  setup: (receiver: NotificationReceiver) => void,
  options: Partial<NotificationReceiverOptions> = {},
) {
  const { createServer } = await import('node:http');
  const receiver = createNotificationReceiver({
    clientId: sandbox.clientId,
    antomPublicKey: sandbox.keys.antomPublicKey,
    logger: false,
    ...options,
  });
  setup(receiver);
  const replies: Array<{ path: string; status: number; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver
        .receive({
          method: req.method ?? 'POST',
          path: req.url ?? '/',
          headers: req.headers,
          rawBody: Buffer.concat(chunks),
        })
        .then((reply) => {
          replies.push({ path: req.url ?? '/', status: reply.status, body: reply.body });
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        })
        .catch(() => {
          res.writeHead(500).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` passes (or throws after `timeoutMs`), for effects that arrive by notification. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
