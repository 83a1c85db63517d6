import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** OpenSSH's fingerprint of a host key blob: `SHA256:` + unpadded base64 of its SHA-256 (what `ssh-keygen -lf` prints). */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const FINGERPRINT = /^SHA256:([A-Za-z0-9+/]{43})=?$/;

/** `SHA256:...` with or without padding, else null. */
export function parseFingerprint(text: string): string | null {
  const match = FINGERPRINT.exec(text.trim());
  return match ? `SHA256:${match[1]}` : null;
}

/** How known_hosts names a host: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'mismatch' | 'revoked' };

/**
 * Checks a server's host key blob against known_hosts text: plain and hashed (`|1|salt|hmac`) names, `*`/`?`
 * wildcards, `!` negations, `@revoked` lines; `@cert-authority` lines are ignored (no certificates here).
 */
export function checkKnownHosts(text: string, host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  let seen = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts, , blob] = fields;
    if (hosts === undefined || blob === undefined || marker === '@cert-authority') continue;
    if (!hostMatches(hosts, name)) continue;
    const same = sameBytes(Buffer.from(blob, 'base64'), key);
    if (marker === '@revoked') {
      if (same) return { ok: false, reason: 'revoked' };
      continue;
    }
    if (same) return { ok: true };
    seen = true;
  }
  return { ok: false, reason: seen ? 'mismatch' : 'unknown' };
}

function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    return sameBytes(mac, Buffer.from(hash, 'base64'));
  }
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (!glob(negated ? pattern.slice(1) : pattern).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function glob(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
