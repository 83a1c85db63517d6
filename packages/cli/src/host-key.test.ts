import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKnownHosts, fingerprint, knownHostsName, parseFingerprint } from './host-key';

const key = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64');
const other = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'base64');
const line = (hosts: string, blob = key) => `${hosts} ssh-ed25519 ${blob.toString('base64')} comment`;

describe('fingerprint', () => {
  it('is what ssh-keygen -lf prints, and parses with or without padding', () => {
    const printed = fingerprint(key);
    expect(printed).toBe('SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU'); // ssh-keygen -lf
    expect(parseFingerprint(`${printed}=`)).toBe(printed);
    expect(parseFingerprint(` ${printed} `)).toBe(printed);
    expect(parseFingerprint('MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48')).toBeNull();
    expect(parseFingerprint('SHA256:short')).toBeNull();
  });
});

describe('checkKnownHosts', () => {
  it('names hosts off port 22 as [host]:port', () => {
    expect(knownHostsName('isftp.alipay.com', 22)).toBe('isftp.alipay.com');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(checkKnownHosts(line('[127.0.0.1]:2222'), '127.0.0.1', 2222, key)).toEqual({ ok: true });
    expect(checkKnownHosts(line('127.0.0.1'), '127.0.0.1', 2222, key)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('matches lists, wildcards and negations; a known host with another key is a mismatch', () => {
    const text = ['# comment', '', line('a.example,isftp.alipay.com'), line('*.alipay.com,!evil.alipay.com')].join(
      '\n',
    );
    expect(checkKnownHosts(text, 'isftp.alipay.com', 22, key)).toEqual({ ok: true });
    expect(checkKnownHosts(text, 'sftp.alipay.com', 22, key)).toEqual({ ok: true });
    expect(checkKnownHosts(text, 'evil.alipay.com', 22, key)).toEqual({ ok: false, reason: 'unknown' });
    expect(checkKnownHosts(text, 'isftp.alipay.com', 22, other)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkKnownHosts(line('sftp?.alipay.com'), 'sftp1.alipay.com', 22, key)).toEqual({ ok: true });
  });

  it('reads hashed names (|1|salt|hmac), skips @cert-authority and honours @revoked', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hmac = createHmac('sha1', salt).update('isftp.alipay.com').digest('base64');
    const hashed = line(`|1|${salt.toString('base64')}|${hmac}`);
    expect(checkKnownHosts(hashed, 'isftp.alipay.com', 22, key)).toEqual({ ok: true });
    expect(checkKnownHosts(hashed, 'sftp.alipay.com', 22, key)).toEqual({ ok: false, reason: 'unknown' });
    expect(checkKnownHosts(`@cert-authority ${line('*')}`, 'isftp.alipay.com', 22, key).ok).toBe(false);
    const revoked = `@revoked ${line('*')}\n${line('isftp.alipay.com')}`;
    expect(checkKnownHosts(revoked, 'isftp.alipay.com', 22, key)).toEqual({ ok: false, reason: 'revoked' });
  });
});
