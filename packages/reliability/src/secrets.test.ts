import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { AntomClient, createNotificationReceiver, signRequest } from '@antomkit/core';
import { generateTestKeyPair, notificationFixtures, signNotification } from '@antomkit/core/testing';
import { startSandbox } from '@antomkit/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from './support/corpus';
import { loopbackAgent, pool, sendRaw } from './support/http';
import { startShopProcess } from './support/process';

const cliDir = fileURLToPath(new URL('../../cli/', import.meta.url));
const WINDOW = 40;

/** Every 40-character window of every key's base64, and of every signature: none may appear in any output. */
class SecretScan {
  private readonly windows = new Map<string, string>();
  signatures = 0;

  key(name: string, pem: string) {
    this.secret(name, pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''));
  }

  signature(header: string) {
    let raw: string;
    try {
      raw = decodeURIComponent(header.slice(header.indexOf('signature=') + 'signature='.length));
    } catch {
      return; // a deliberately broken header (corpus); its valid twin is scanned
    }
    if (raw.length < WINDOW) return;
    this.signatures++;
    this.secret('a signature', raw);
    this.secret('a url-encoded signature', encodeURIComponent(raw));
  }

  private secret(name: string, text: string) {
    for (let i = 0; i + WINDOW <= text.length; i += 4) this.windows.set(text.slice(i, i + WINDOW), name);
  }

  /** Names of the secrets found in `output` (as printed, and with whitespace removed). */
  find(output: string): string[] {
    const found = new Set<string>();
    for (const text of [output, output.replace(/\s+/g, '')]) {
      for (let i = 0; i + WINDOW <= text.length; i++) {
        const hit = this.windows.get(text.slice(i, i + WINDOW));
        if (hit) found.add(hit);
      }
    }
    return [...found];
  }
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/bin.js', ...args], {
      cwd: cliDir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** Captures console.* and process stdout/stderr writes of this process while `fn` runs. */
async function capture(fn: () => Promise<void>): Promise<string> {
  let text = '';
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  const write = { out: process.stdout.write, err: process.stderr.write };
  const append = (more: string) => {
    text += more;
    return true;
  };
  for (const m of methods) {
    console[m] = (...args: unknown[]) => void append(`${args.map((a) => inspect(a, { depth: 8 })).join(' ')}\n`);
  }
  process.stdout.write = ((chunk: string | Uint8Array) => append(chunk.toString())) as never;
  process.stderr.write = ((chunk: string | Uint8Array) => append(chunk.toString())) as never;
  try {
    await fn();
  } finally {
    methods.forEach((m, i) => {
      console[m] = saved[i]!;
    });
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  return text;
}

describe('secrets: no key material and no full signature in any output, at debug level, through failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'antom-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sandbox, shop, CLI, client, receiver and their errors and inspect() output stay clean', async () => {
    const scan = new SecretScan();
    const stranger = generateTestKeyPair();
    const outputs: Record<string, string> = {};
    const sandboxErrors: unknown[] = [];
    const sandbox = await startSandbox({ timeScale: 20_000, onError: (e) => sandboxErrors.push(e) });
    const keys: Record<string, string> = {
      'sandbox Antom public key': sandbox.keys.antomPublicKey,
      'merchant private key': sandbox.keys.merchantPrivateKey,
      'merchant public key': sandbox.keys.merchantPublicKey,
      'stranger private key': stranger.privateKey,
      'stranger public key': stranger.publicKey,
    };
    for (const [name, pem] of Object.entries(keys)) scan.key(name, pem);
    // The sandbox's own Antom private key signs every answer and notification: it must not leak either.
    const antom = (sandbox.runtime as unknown as { antomPrivateKey: { export(o: object): string } }).antomPrivateKey;
    scan.key('sandbox Antom private key', antom.export({ type: 'pkcs8', format: 'pem' }).toString());

    const shop = await startShopProcess({
      DATA_DIR: join(dir, 'shop'),
      ANTOM_CLIENT_ID: sandbox.clientId,
      ANTOM_PUBLIC_KEY: sandbox.keys.antomPublicKey,
      LOG_LEVEL: 'debug',
      FAIL_REQUEST_IDS_MATCHING: 'pay_fail',
    });
    const notify = `${shop.url}/antom/notifications`;
    let badSig = '';
    try {
      // 1. In this process: clients with wrong keys, a receiver with a console logger, the sandbox notifier.
      outputs['in-process (client, receiver, sandbox)'] = await capture(async () => {
        const hooks = {
          onRequest: (e: unknown) => console.debug('onRequest', e),
          onResponse: (e: unknown) => console.debug('onResponse', e),
          onRetry: (e: unknown) => console.debug('onRetry', e),
        };
        const wrongKey = new AntomClient({
          ...sandbox.clientOptions,
          privateKey: stranger.privateKey,
          hooks,
          maxRetries: 0,
        });
        const wrongAntom = new AntomClient({
          ...sandbox.clientOptions,
          antomPublicKey: stranger.publicKey,
          hooks,
          maxRetries: 0,
        });
        for (const client of [wrongKey, wrongAntom]) {
          console.log(inspect(client, { depth: 10, showHidden: true }));
          const error = await client.payments.inquiryPayment({ paymentRequestId: 'pay_missing' } as never).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeDefined();
          console.error(error);
          console.error(inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error));
          await client.close();
        }
        const receiver = createNotificationReceiver({
          clientId: sandbox.clientId,
          antomPublicKey: sandbox.keys.antomPublicKey,
          logger: { info: console.debug, warn: console.warn, error: console.error },
        }).on('PAYMENT_RESULT', () => {
          throw new Error('handler failed on purpose');
        });
        console.log(inspect(receiver, { depth: 10, showHidden: true }));
        const corpus = buildCorpus({
          keys: stranger,
          other: generateTestKeyPair(),
          clientId: sandbox.clientId,
          path: '/antom/notifications',
          maxBodyBytes: 4096,
          methodRouted: false,
        });
        for (const m of corpus) {
          for (const [k, v] of m.headers) if (k === 'signature' && v.includes('signature=')) scan.signature(v);
          const reply = await receiver.receive({
            method: m.method,
            path: m.path,
            headers: Object.fromEntries(m.headers),
            rawBody: Array.isArray(m.body) ? Buffer.concat(m.body) : m.body,
          });
          console.log(reply);
        }
        // Notifications from the sandbox to the shop: one handled, one failing until Antom's retries run out.
        for (const id of ['pay_ok_1', 'pay_fail_1']) {
          sandbox.notifications.send({
            type: 'PAYMENT_RESULT',
            owner: sandbox.clientId,
            url: notify,
            payload: notificationFixtures.PAYMENT_RESULT({ paymentRequestId: id }) as never,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await sandbox.notifications.idle();
        console.log(JSON.stringify(sandbox.snapshot()));
        for (const e of sandboxErrors) console.error(e);
      });

      // 2. Over HTTP to the shop process: bad signatures, a stranger's key, handler failures, duplicates.
      const agent = loopbackAgent(4);
      const bodies = ['pay_ok_2', 'pay_fail_2'].map((id) =>
        JSON.stringify(notificationFixtures.PAYMENT_RESULT({ paymentRequestId: id })),
      );
      const sends: { headers: [string, string][]; body: Buffer }[] = [];
      for (const body of bodies) {
        for (const key of [stranger]) {
          const s = signNotification({
            path: '/antom/notifications',
            clientId: sandbox.clientId,
            body,
            privateKey: key.privateKeyObject,
          });
          sends.push({ headers: Object.entries(s.headers), body: Buffer.from(body) });
          sends.push({ headers: Object.entries(s.headers), body: Buffer.from(`${body} `) });
        }
      }
      // Validly signed by the sandbox's Antom key (as the notifier would): one ok, one whose handler fails.
      for (const body of bodies) {
        const time = new Date().toISOString();
        const signature = signRequest({
          path: '/antom/notifications',
          clientId: sandbox.clientId,
          time,
          body,
          privateKey: antom as never,
        });
        const headers: [string, string][] = [
          ['content-type', 'application/json'],
          ['client-id', sandbox.clientId],
          ['request-time', time],
          ['signature', signature],
        ];
        sends.push({ headers, body: Buffer.from(body) }, { headers, body: Buffer.from(body) });
      }
      for (const s of sends) for (const [k, v] of s.headers) if (k === 'signature') scan.signature(v);
      const replies = await pool(sends, 4, (s) => sendRaw(agent, notify, { method: 'POST', ...s }));
      await agent.close();
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 401, 401, 401, 401, 500, 500]);

      // 3. The CLI at its most verbose, through failures.
      const strangerKey = join(dir, 'stranger.pem');
      const merchantPublic = join(dir, 'merchant-public.pem');
      writeFileSync(strangerKey, stranger.privateKey);
      writeFileSync(merchantPublic, sandbox.keys.merchantPublicKey);
      const badSignature = signRequest({
        path: '/x',
        clientId: 'C',
        time: '1',
        body: '{}',
        privateKey: stranger.privateKey,
      });
      badSig = badSignature;
      scan.signature(badSignature);
      const cli: string[] = [];
      for (const args of [
        [
          'notify',
          notify,
          '--type',
          'PAYMENT_RESULT',
          '--client-id',
          sandbox.clientId,
          '--private-key-file',
          strangerKey,
          '--verbose',
        ],
        [
          'notify',
          notify,
          '--type',
          'PAYMENT_RESULT',
          '--payment-request-id',
          'pay_fail_cli',
          '--client-id',
          sandbox.clientId,
          '--private-key-file',
          strangerKey,
          '--verbose',
        ],
        [
          'verify',
          '--path',
          '/x',
          '--client-id',
          'C',
          '--time',
          '1',
          '--body',
          '{"a":1}',
          '--signature',
          badSignature,
          '--public-key-file',
          merchantPublic,
          '--explain',
        ],
        [
          'verify',
          '--path',
          '/x',
          '--client-id',
          'C',
          '--time',
          '1',
          '--body',
          '{}',
          '--signature',
          badSignature,
          '--public-key-file',
          strangerKey,
        ],
        [
          'sign',
          '--path',
          '/x',
          '--client-id',
          'C',
          '--time',
          '1',
          '--body',
          '{}',
          '--private-key-file',
          merchantPublic,
        ],
      ]) {
        const result = await run(args);
        expect(result.code, result.out).not.toBe(0);
        cli.push(`$ antom ${args[0]} (exit ${result.code})\n${result.out}`);
      }
      outputs['antom CLI'] = cli.join('\n');
    } finally {
      await shop.stop();
      await sandbox.close();
    }
    outputs['shop process (stdout+stderr, LOG_LEVEL=debug)'] = shop.output();

    // The scan itself can fail: a key as PEM, a signature inside a log line.
    expect(scan.find(`key: ${keys['merchant private key']}`)).toContain('merchant private key');
    expect(
      scan.find(`x ${inspect({ badSignature: decodeURIComponent(badSig.slice(badSig.indexOf('signature=') + 10)) })}`),
    ).not.toEqual([]);
    const leaks = Object.entries(outputs).flatMap(([where, text]) =>
      scan.find(text).map((what) => `${what} in ${where}`),
    );
    const sizes = Object.entries(outputs).map(([where, text]) => `${where} ${text.length} chars`);
    console.log(
      `[secrets] scanned ${sizes.join(', ')} for 40-char windows of 6 keys and ${scan.signatures} signatures: ${leaks.length ? leaks.join('; ') : 'no leak'}`,
    );
    expect(outputs['shop process (stdout+stderr, LOG_LEVEL=debug)']).toMatch(/handler .* failed/);
    expect(outputs['in-process (client, receiver, sandbox)']).toMatch(/refused/);
    expect(leaks).toEqual([]);
  });
});
