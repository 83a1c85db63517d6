import type { KeyInput } from '../keys';
import { signRequest } from '../signature';

export interface SignNotificationInput {
  /** The path (and query) of the notify URL, as Antom signs it: `/antom/notifications`. */
  path: string;
  clientId: string;
  /** A body object (serialised once with JSON.stringify) or the exact string to send. */
  body: string | object;
  /** The key "Antom" signs with: the private half of the pair whose public half the receiver trusts. */
  privateKey: KeyInput;
  /** The `request-time` header; default now, ISO-8601. */
  time?: string;
  keyVersion?: string | number;
}

export interface SignedNotification {
  headers: Record<'content-type' | 'client-id' | 'request-time' | 'signature', string>;
  /** The exact string that was signed: send these bytes. */
  body: string;
}

/** Signs a notification the way Antom does: `POST <path>\n<client-id>.<request-time>.<body>`, RSA-SHA256. */
export function signNotification(input: SignNotificationInput): SignedNotification {
  const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const time = input.time ?? new Date().toISOString();
  const signature = signRequest({
    path: input.path,
    clientId: input.clientId,
    time,
    body,
    privateKey: input.privateKey,
    ...(input.keyVersion === undefined ? {} : { keyVersion: input.keyVersion }),
  });
  return {
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': input.clientId,
      'request-time': time,
      signature,
    },
    body,
  };
}

export interface SignedNotificationRequestInput extends Omit<SignNotificationInput, 'path'> {
  /** The receiver's URL, e.g. `http://127.0.0.1:3000/antom/notifications`. */
  url: string | URL;
  /** What to sign as the path; default the URL's path and query. */
  path?: string;
}

/** A ready fetch `Request` carrying a signed notification: `await fetch(signedNotificationRequest({...}))`. */
export function signedNotificationRequest(input: SignedNotificationRequestInput): Request {
  const url = new URL(input.url);
  const { headers, body } = signNotification({ ...input, path: input.path ?? url.pathname + url.search });
  return new Request(url, { method: 'POST', headers, body });
}
