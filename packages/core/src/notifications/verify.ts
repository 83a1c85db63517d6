import { PrototypeKeyError, safeJsonParse } from '../json';
import type { KeyLookup } from '../keys';
import { parseSignatureHeader, redactSignature, verifyParsed } from '../signature';
import { type HeadersInput, readHeader } from './headers';
import { notificationKind, notificationType } from './kinds';
import { errorReply, type NotificationReply } from './reply';
import type { AntomNotification } from './types';

/** One HTTP request as an adapter sees it. `path` is the full original path and query (`req.originalUrl`). */
export interface NotificationInput {
  method: string;
  path: string;
  headers: HeadersInput;
  /** The exact bytes received: never a re-serialisation of a parsed body. */
  rawBody: Buffer | Uint8Array | string | undefined;
}

/** Why a notification was refused; `reply` is what to send back. */
export interface RejectedNotification {
  ok: false;
  reply: NotificationReply;
  /** For logs: never contains key material or a full signature. */
  reason: string;
}

/** A notification whose signature verified, parsed and typed. */
export interface VerifiedNotification<N extends AntomNotification = AntomNotification> {
  ok: true;
  notification: N;
  kind: N['kind'];
  /** What the dedupe store is keyed on. */
  dedupeKey: string;
  /** The body as received, decoded as UTF-8. */
  rawBody: string;
}

export type VerifyResult = VerifiedNotification | RejectedNotification;

export interface VerifyConfig {
  clientId: string;
  keys: KeyLookup;
  publicPath: string | undefined;
  maxBodyBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function reject(status: number, error: string, reason: string, headers?: Record<string, string>): RejectedNotification {
  return { ok: false, reply: errorReply(status, error, headers), reason };
}

function pathOf(path: string): string {
  if (!/^https?:\/\//i.test(path)) return path;
  const url = new URL(path);
  return url.pathname + url.search;
}

function byteLength(body: Buffer | Uint8Array | string): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

/**
 * Verifies before anything else touches the body: method, size, headers, client id, the key for the header's
 * keyVersion and the RSA signature over the exact path and bytes; only then decodes and parses.
 */
export function verifyNotification(
  input: NotificationInput,
  config: VerifyConfig,
): Omit<VerifiedNotification, 'dedupeKey'> | RejectedNotification {
  if (String(input.method).toUpperCase() !== 'POST') {
    return reject(405, 'method not allowed', `method ${String(input.method).slice(0, 16)} is not POST`, {
      allow: 'POST',
    });
  }
  const body = input.rawBody ?? '';
  const size = byteLength(body);
  if (size > config.maxBodyBytes) {
    return reject(413, 'payload too large', `body of ${size} bytes is over maxBodyBytes (${config.maxBodyBytes})`);
  }

  const clientIdHeader = readHeader(input.headers, 'client-id');
  const timeHeader = readHeader(input.headers, 'request-time');
  const signatureHeader = readHeader(input.headers, 'signature');
  for (const header of [clientIdHeader, timeHeader, signatureHeader]) {
    if (!header.ok) return reject(401, 'invalid signature', header.reason);
  }
  const clientId = clientIdHeader.ok ? clientIdHeader.value : undefined;
  const time = timeHeader.ok ? timeHeader.value : undefined;
  const signature = signatureHeader.ok ? signatureHeader.value : undefined;
  const missing = [!clientId && 'client-id', !time && 'request-time', !signature && 'signature'].filter(Boolean);
  if (missing.length > 0 || !clientId || !time || !signature) {
    return reject(401, 'invalid signature', `missing header(s): ${missing.join(', ')}`);
  }
  if (clientId !== config.clientId) {
    return reject(401, 'invalid signature', `client-id "${clientId.slice(0, 64)}" is not this receiver's client id`);
  }

  let parsed: ReturnType<typeof parseSignatureHeader>;
  try {
    parsed = parseSignatureHeader(signature);
  } catch (error) {
    return reject(
      401,
      'invalid signature',
      `signature header ${redactSignature(signature)}: ${(error as Error).message}`,
    );
  }
  const key = config.keys(parsed.keyVersion);
  if (!key) {
    return reject(401, 'invalid signature', `no Antom public key for keyVersion "${parsed.keyVersion?.slice(0, 16)}"`);
  }
  const path = config.publicPath ?? pathOf(input.path);
  let valid = false;
  try {
    valid = verifyParsed({ path, clientId, time, body }, parsed, key);
  } catch {
    valid = false;
  }
  if (!valid) {
    return reject(
      401,
      'invalid signature',
      `signature ${redactSignature(parsed.signature)} does not verify for POST ${path.slice(0, 200)} (check the Antom public key, and publicPath behind a proxy that rewrites paths)`,
    );
  }

  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    return reject(400, 'malformed body', 'body is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = safeJsonParse(text, { prototypeKeys: 'refuse' });
  } catch (error) {
    return reject(400, 'malformed body', error instanceof PrototypeKeyError ? error.message : 'body is not JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return reject(400, 'malformed body', 'body is not a JSON object');
  }
  // The parsed object is ours alone: add the fields in place instead of copying it.
  const fields = json as Record<string, unknown>;
  const kind = notificationKind(fields);
  const type = kind === 'UNKNOWN' && !('type' in fields) ? { value: notificationType(fields) } : undefined;
  fields.kind = kind;
  if (type) fields.type = type.value;
  const notification = fields as AntomNotification;
  return { ok: true, notification, kind, rawBody: text };
}
