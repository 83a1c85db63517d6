import { randomUUID } from 'node:crypto';
import { signRequest } from '@antomkit/core';
import { notificationFixtures, signNotification, type TestKeyPair } from '@antomkit/core/testing';

/** One hostile request: sent as is (header pairs may repeat), and what it must get back. */
export interface Mutation {
  name: string;
  method: string;
  path: string;
  headers: [string, string][];
  /** Bytes, or chunks sent with `transfer-encoding: chunked` and no content-length. */
  body: Buffer | Buffer[] | undefined;
  /** Accepted statuses. `ack` means the request is validly signed and must be acknowledged. */
  expect: number[] | 'ack';
  /** Set for a validly signed body whose handler runs and must see a clean object. */
  pollution?: boolean;
}

export interface CorpusInput {
  keys: TestKeyPair;
  other: TestKeyPair;
  clientId: string;
  path: string;
  /** The receivers' body limit (the corpus sends bodies just over it). */
  maxBodyBytes: number;
  /** Lets a framework's own method routing answer a wrong method (404 or 405, never a handler). */
  methodRouted: boolean;
}

const B = (s: string) => Buffer.from(s, 'utf8');

function flipByte(buf: Buffer, at: number): Buffer {
  const copy = Buffer.from(buf);
  const i = Math.max(0, Math.min(copy.length - 1, at));
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}

function flipChar(s: string, at: number): string {
  const i = Math.max(0, Math.min(s.length - 1, at));
  return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 0x01) + s.slice(i + 1);
}

function pairs(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers);
}

function replace(list: [string, string][], name: string, value: string): [string, string][] {
  return list.map(([k, v]) => [k, k.toLowerCase() === name ? value : v]);
}

function without(list: [string, string][], name: string): [string, string][] {
  return list.filter(([k]) => k.toLowerCase() !== name);
}

/** A raw base64 signature (no `+`, `/` or `=` percent-encoding) that contains a `+`: re-signs until one does. */
function signatureWithPlus(sign: (time: string) => { headers: Record<string, string> }): {
  time: string;
  raw: string;
} {
  for (let i = 0; ; i++) {
    const time = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    const header = sign(time).headers.signature!;
    const raw = decodeURIComponent(header.slice(header.indexOf('signature=') + 'signature='.length));
    if (raw.includes('+')) return { time, raw };
  }
}

/** At least 40 mutations of one valid signed PAYMENT_RESULT, each with fresh ids so a round never dedupes. */
export function buildCorpus(input: CorpusInput): Mutation[] {
  const { keys, other, clientId, path, maxBodyBytes } = input;
  const fresh = (extra: Record<string, unknown> = {}) =>
    JSON.stringify(notificationFixtures.PAYMENT_RESULT({ paymentRequestId: `pr_${randomUUID()}`, ...extra } as never));
  const signed = (
    body: string | Buffer,
    opts: { path?: string; clientId?: string; key?: TestKeyPair; time?: string; keyVersion?: string } = {},
  ) => {
    const text = typeof body === 'string' ? body : body.toString('latin1');
    const s = signNotification({
      path: opts.path ?? path,
      clientId: opts.clientId ?? clientId,
      body: text,
      privateKey: (opts.key ?? keys).privateKeyObject,
      ...(opts.time ? { time: opts.time } : {}),
      ...(opts.keyVersion ? { keyVersion: opts.keyVersion } : {}),
    });
    return { headers: pairs(s.headers), body: typeof body === 'string' ? B(body) : body };
  };
  // Bytes that are not UTF-8, signed over the exact bytes (signNotification takes strings).
  const signedBytes = (bytes: Buffer) => {
    const { headers } = signNotification({ path, clientId, body: '', privateKey: keys.privateKeyObject });
    const time = headers['request-time'];
    const signature = signRequest({ path, clientId, time, body: bytes, privateKey: keys.privateKeyObject });
    return { headers: pairs({ ...headers, signature }), body: bytes };
  };

  const out: Mutation[] = [];
  const add = (name: string, m: Omit<Mutation, 'name' | 'method' | 'path'> & { method?: string; path?: string }) =>
    out.push({ name, method: m.method ?? 'POST', path: m.path ?? path, ...m } as Mutation);

  // Byte flips in the body, at the start, the middle (the amount) and the end.
  for (const where of ['first', 'middle', 'last', 'amount digit'] as const) {
    const body = fresh();
    const s = signed(body);
    const at =
      where === 'first'
        ? 0
        : where === 'last'
          ? s.body.length - 1
          : where === 'middle'
            ? s.body.length >> 1
            : body.indexOf('"value":"') + 9;
    add(`body byte flip (${where})`, { headers: s.headers, body: flipByte(s.body, at), expect: [401] });
  }
  {
    const s = signed(fresh());
    add('body with a trailing newline', { headers: s.headers, body: Buffer.concat([s.body, B('\n')]), expect: [401] });
    add('body truncated by one byte', { headers: s.headers, body: s.body.subarray(0, -1), expect: [401] });
    add('body empty', { headers: s.headers, body: Buffer.alloc(0), expect: [401] });
  }
  // The path: signed for another path, query added or dropped, case changed.
  {
    const s = signed(fresh(), { path: flipChar(path, 3) });
    add('path byte flip (signed for another path)', { headers: s.headers, body: s.body, expect: [401] });
    const q = signed(fresh(), { path: `${path}?tenant=a` });
    add('query dropped (signed with ?tenant=a)', { headers: q.headers, body: q.body, expect: [401] });
    const q2 = signed(fresh());
    add('query added (signed without)', {
      headers: q2.headers,
      body: q2.body,
      path: `${path}?tenant=a`,
      expect: [401],
    });
    const q3 = signed(fresh(), { path: `${path}?tenant=a` });
    add('query byte flip', { headers: q3.headers, body: q3.body, path: `${path}?tenant=b`, expect: [401] });
  }
  // Client id and time.
  {
    const s = signed(fresh());
    add('client-id byte flip', {
      headers: replace(s.headers, 'client-id', flipChar(clientId, 2)),
      body: s.body,
      expect: [401],
    });
    const other = signed(fresh(), { clientId: `${clientId}X` });
    add('signed for another client id', { headers: other.headers, body: other.body, expect: [401] });
    const t = signed(fresh());
    const time = t.headers.find(([k]) => k === 'request-time')![1];
    add('request-time byte flip', {
      headers: replace(t.headers, 'request-time', flipChar(time, 5)),
      body: t.body,
      expect: [401],
    });
    const t2 = signed(fresh());
    add('request-time empty', { headers: replace(t2.headers, 'request-time', ''), body: t2.body, expect: [401] });
  }
  // The signature header.
  {
    const sig = (s: { headers: [string, string][] }) => s.headers.find(([k]) => k === 'signature')![1];
    const a = signed(fresh());
    add('signature truncated by 4 chars', {
      headers: replace(a.headers, 'signature', sig(a).slice(0, -4)),
      body: a.body,
      expect: [401],
    });
    const b = signed(fresh());
    add('signature truncated to half', {
      headers: replace(b.headers, 'signature', sig(b).slice(0, sig(b).length >> 1)),
      body: b.body,
      expect: [401],
    });
    const c = signed(fresh());
    add('signature extended by AAAA', {
      headers: replace(c.headers, 'signature', `${sig(c)}AAAA`),
      body: c.body,
      expect: [401],
    });
    const d = signed(fresh());
    add('signature byte flip', {
      headers: replace(d.headers, 'signature', flipChar(sig(d), sig(d).length - 10)),
      body: d.body,
      expect: [401],
    });
    const e = signed(fresh(), { key: other });
    add('signed with another key', { headers: e.headers, body: e.body, expect: [401] });
    const f = signed(fresh(), { keyVersion: '99' });
    add('unknown keyVersion', { headers: f.headers, body: f.body, expect: [401] });
    const f2 = signed(fresh(), { keyVersion: '2' });
    add('keyVersion naming another key of the keyring', { headers: f2.headers, body: f2.body, expect: [401] });
    const g = signed(fresh());
    add('algorithm RSA512', {
      headers: replace(g.headers, 'signature', sig(g).replace('RSA256', 'RSA512')),
      body: g.body,
      expect: [401],
    });
    const h = signed(fresh());
    add('signature header empty', { headers: replace(h.headers, 'signature', ''), body: h.body, expect: [401] });
    const i = signed(fresh());
    add('signature without signature=', {
      headers: replace(i.headers, 'signature', 'algorithm=RSA256,keyVersion=1'),
      body: i.body,
      expect: [401],
    });
    const j = signed(fresh());
    add('signature bad percent-encoding', {
      headers: replace(j.headers, 'signature', `${sig(j)}%ZZ`),
      body: j.body,
      expect: [401],
    });
    const k = signed(fresh());
    add('signature of another notification', {
      headers: replace(k.headers, 'signature', sig(a)),
      body: k.body,
      expect: [401],
    });
    // A raw `+` in the base64, once turned into a space as a form decoder would.
    const body = fresh();
    const plus = signatureWithPlus((time) =>
      signNotification({ path, clientId, body, time, privateKey: keys.privateKeyObject }),
    );
    const base = signed(body, { time: plus.time });
    add('raw base64 with + turned into a space', {
      headers: replace(
        base.headers,
        'signature',
        `algorithm=RSA256,keyVersion=1,signature=${plus.raw.replaceAll('+', ' ')}`,
      ),
      body: base.body,
      expect: [401],
    });
    add('raw base64 with + turned into %20', {
      headers: replace(
        base.headers,
        'signature',
        `algorithm=RSA256,keyVersion=1,signature=${plus.raw.replaceAll('+', '%20')}`,
      ),
      body: base.body,
      expect: [401],
    });
  }
  // Missing and duplicated headers.
  for (const name of ['signature', 'client-id', 'request-time']) {
    const s = signed(fresh());
    add(`missing ${name}`, { headers: without(s.headers, name), body: s.body, expect: [401] });
  }
  {
    const s = signed(fresh());
    add('no headers at all', { headers: [], body: s.body, expect: [401] });
    for (const name of ['signature', 'client-id', 'request-time']) {
      const d = signed(fresh());
      const value = d.headers.find(([k]) => k === name)![1];
      add(`duplicated ${name} (same value)`, { headers: [...d.headers, [name, value]], body: d.body, expect: [401] });
      const e = signed(fresh());
      const forged =
        name === 'signature'
          ? signed(fresh(), { key: other }).headers.find(([k]) => k === name)![1]
          : flipChar(value, 1);
      add(`duplicated ${name} (second value differs)`, {
        headers: [...e.headers, [name, forged]],
        body: e.body,
        expect: [401],
      });
    }
  }
  // Size.
  {
    const big = signed(fresh({ padding: 'x'.repeat(maxBodyBytes) }));
    add('oversize body (content-length)', { headers: big.headers, body: big.body, expect: [413] });
    const chunks = Array.from({ length: Math.ceil(big.body.length / 8192) }, (_, n) =>
      big.body.subarray(n * 8192, (n + 1) * 8192),
    );
    add('oversize body (chunked)', { headers: big.headers, body: chunks, expect: [413] });
    const huge = `{"notifyType":"PAYMENT_RESULT","items":[${Array.from({ length: Math.ceil(maxBodyBytes / 2) }, (_, n) => n % 100).join(',')}]}`;
    const h = signed(huge);
    add('huge JSON array (signed)', { headers: h.headers, body: h.body, expect: [413] });
  }
  // Bodies that are validly signed but not a usable notification.
  {
    const bytes = Buffer.concat([
      B('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      B('"}'),
    ]);
    const bad = signedBytes(bytes);
    add('invalid UTF-8 (signed)', { headers: bad.headers, body: bad.body, expect: [400] });
    add('invalid UTF-8 (unsigned copy)', { headers: signed(fresh()).headers, body: bytes, expect: [401] });
    const levels = Math.min(100_000, Math.floor((maxBodyBytes - 64) / 2));
    const deep = `{"notifyType":"PAYMENT_RESULT","x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const dn = signed(deep);
    add(`deeply nested JSON, ${levels} levels (signed)`, { headers: dn.headers, body: dn.body, expect: [400] });
    const obj = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const on = signed(obj);
    add('deeply nested objects, 20000 levels (signed)', { headers: on.headers, body: on.body, expect: [400] });
    for (const [name, text] of [
      ['not JSON (form encoded, signed)', 'paymentRequestId=pr&notifyType=PAYMENT_RESULT'],
      ['JSON array (signed)', '[{"notifyType":"PAYMENT_RESULT"}]'],
      ['JSON null (signed)', 'null'],
      ['JSON string (signed)', '"PAYMENT_RESULT"'],
      ['truncated JSON (signed)', '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"pr_'],
      ['empty body (signed)', ''],
      ['UTF-8 BOM before JSON (signed)', `\ufeff${fresh()}`],
    ] as const) {
      const s = signed(text);
      add(name, { headers: s.headers, body: s.body, expect: [400] });
    }
  }
  // Prototype pollution: refused when tampered (401) and when validly signed (400: Antom never sends such keys).
  {
    const id = `pr_${randomUUID()}`;
    const poisoned = `{"notifyType":"PAYMENT_RESULT","paymentRequestId":"${id}","result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"},"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"paymentAmount":{"value":"1","currency":"USD","__proto__":{"polluted":"yes"}}}`;
    const s = signed(poisoned);
    add('__proto__ / constructor keys (signed)', { headers: s.headers, body: s.body, expect: [400], pollution: true });
    const t = signed(fresh());
    add('__proto__ / constructor keys (unsigned)', {
      headers: t.headers,
      body: B(`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`),
      expect: [401],
    });
  }
  // Wrong methods.
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    const s = signed(fresh());
    add(`wrong method ${method}`, {
      method,
      headers: method === 'GET' || method === 'DELETE' ? without(s.headers, 'content-type') : s.headers,
      body: method === 'GET' || method === 'DELETE' ? undefined : s.body,
      expect: input.methodRouted ? [404, 405] : [405],
    });
  }
  return out;
}
