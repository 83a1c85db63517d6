import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '@antomkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, runCli } from './cli';
import type { Sandbox } from './sandbox';

const dir = mkdtempSync(join(tmpdir(), 'antom-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
  };
}

describe('antom-sandbox', () => {
  it('parses flags and refuses bad ones', () => {
    expect(parseCliArgs(['--port', '4010', '--keys', dir, '--time-scale', '60'])).toEqual({
      port: 4010,
      keysDir: dir,
      timeScale: 60,
    });
    expect(parseCliArgs([])).toEqual({ port: 4010 });
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--time-scale', '0'])).toThrow(/--time-scale/);
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });

  it('prints one JSON line on stdout, keeps keys (0600) across restarts, and the printed keys work', async () => {
    const first = io();
    const a = (await runCli(['--port', '0', '--keys', dir], first.io)) as Sandbox;
    const printed = JSON.parse(first.out.join(''));
    await a.close();
    expect(first.out).toHaveLength(1);
    expect(printed).toMatchObject({ clientId: 'SANDBOX_ANTOMKIT0001', url: a.url });
    expect(printed.merchantPrivateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(printed.env.ANTOM_GATEWAY).toBe(a.url);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);

    const second = io();
    const b = (await runCli(['--port', '0', '--keys', dir], second.io)) as Sandbox;
    try {
      const again = JSON.parse(second.out.join(''));
      expect(again.antomPublicKey).toBe(printed.antomPublicKey);
      expect(again.merchantPrivateKey).toBe(printed.merchantPrivateKey);
      const body = JSON.stringify({ paymentRequestId: 'nope' });
      const path = '/ams/sandbox/api/v1/payments/inquiryPayment';
      const time = String(Date.now());
      const res = await fetch(`${b.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'client-id': again.clientId,
          'request-time': time,
          signature: signRequest({
            path,
            clientId: again.clientId,
            time,
            body,
            privateKey: printed.merchantPrivateKey,
          }),
        },
        body,
      });
      expect(((await res.json()) as any).result.resultCode).toBe('ORDER_NOT_EXIST');
    } finally {
      await b.close();
    }
  });

  it('exits 2 with usage on bad flags', async () => {
    const bad = io();
    expect(await runCli(['--port', '-1'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('Usage: antom-sandbox');
    expect(bad.out).toHaveLength(0);
  });
});
