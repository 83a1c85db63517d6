import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What every endpoint server gets from the bench process (argv, JSON). */
export interface EndpointConfig {
  clientId: string;
  antomPublicPem: string;
  /** Only for Nest's AntomModule, whose client is never called here. */
  merchantPrivatePem: string;
}

export const OURS_PATH = '/antom/notifications';
export const BASELINE_PATH = '/baseline/notifications';

/** Antom's ack, typed out the way a hand-written route would. */
export const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

/** The hand-written floor's key: parsed once at startup. */
export function parsedKey(config: EndpointConfig): KeyObject {
  return createPublicKey(config.antomPublicPem);
}

/** Hand-written verification: split the header, `crypto.verify` over `POST <path>\n<client-id>.<time>.<body>`. */
export function bareVerify(path: string, headers: IncomingHttpHeaders, body: Buffer, key: KeyObject): boolean {
  const header = String(headers.signature ?? '');
  const signature = Buffer.from(decodeURIComponent(header.slice(header.indexOf('signature=') + 10)), 'base64');
  const prefix = `POST ${path}\n${String(headers['client-id'])}.${String(headers['request-time'])}.`;
  return verify('sha256', Buffer.concat([Buffer.from(prefix), body]), key, signature);
}

/** Reads a request body the way a hand-written route does. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The hand-written route's whole check: the signature by hand, then `JSON.parse` (false when either fails). */
export function handWrittenCheck(path: string, headers: IncomingHttpHeaders, body: Buffer, key: KeyObject): boolean {
  if (!bareVerify(path, headers, body, key)) return false;
  try {
    return typeof JSON.parse(body.toString('utf8')) === 'object';
  } catch {
    return false;
  }
}

/** The adapters' options: the same receiver settings, a no-op handler like the hand-written routes'. */
export function adapterOptions(config: EndpointConfig) {
  return {
    clientId: config.clientId,
    antomPublicKey: config.antomPublicPem,
    logger: false as const,
    handlers: { PAYMENT_RESULT: () => undefined },
  };
}
