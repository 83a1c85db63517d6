import { connect } from 'node:net';
import { signRequest, verifySignature } from '@antomkit/core';
import type { Sandbox } from './sandbox';

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
