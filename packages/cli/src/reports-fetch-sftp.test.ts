import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AntomClient } from '@antomkit/core';
import { formatTransactionReport } from '@antomkit/core/reports';
import { reportFiles, type Sandbox, startSandbox } from '@antomkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antom, antomInProcess, freePort, tempDir } from './test-utils';

const SSHD = '/usr/sbin/sshd';
const available = existsSync(SSHD);
if (!available)
  console.warn(`SKIPPED antom reports fetch over SFTP: ${SSHD} is missing (apt-get install openssh-server)`);

const MERCHANT = '2188120012345678';
const PASSPHRASE = 'correct horse battery staple';
const usd = (value: string) => ({ currency: 'USD', value });

const keygen = (file: string, passphrase = '') =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '4', '-N', passphrase, '-C', 'antom-test', '-f', file]);
const fingerprintOf = (pub: string) => execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1]!;

describe.skipIf(!available)('antom reports fetch over SFTP (a real OpenSSH sshd on loopback)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sshd: ChildProcess;
  let port: number;
  let hostFingerprint: string;
  let date: string;
  let sandbox: Sandbox;
  /** sshd's own log (-e): why it refused a login, e.g. "account is locked" for a user without a password. */
  let sshdLog = '';
  const served = new Map<string, string>();
  const remote = () => join(dir, 'server', 'v1', 'settlements');

  /** The fetch command line; `extra` picks host key and key options. */
  const fetchArgs = (out: string, ...extra: string[]) => [
    'reports',
    'fetch',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--user',
    userInfo().username,
    '--remote-dir',
    remote(),
    '--out',
    join(dir, out),
    '--timeout',
    '5000',
    ...extra,
  ];
  const key = ['--key', 'user_key'];
  const withPassphrase = { cwd: '', env: { ANTOM_SFTP_PASSPHRASE: PASSPHRASE } };

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    withPassphrase.cwd = dir;
    keygen(join(dir, 'host_key'));
    keygen(join(dir, 'user_key'), PASSPHRASE);
    keygen(join(dir, 'stranger_key'));
    hostFingerprint = fingerprintOf(join(dir, 'host_key.pub'));
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
    port = await freePort();
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host_key')}`,
        'PidFile none',
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        `AllowUsers ${userInfo().username}`,
        'UsePAM no',
        'StrictModes no',
        'DisableForwarding yes',
        'Subsystem sftp internal-sftp',
        'ForceCommand internal-sftp',
      ].join('\n'),
    );
    // Started as root, sshd wants its privilege separation directory.
    if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const listening = new Promise<void>((resolve, reject) => {
      sshd.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        sshdLog += chunk;
        if (sshdLog.includes('Server listening on 127.0.0.1')) resolve();
      });
      sshd.once('exit', (code) => reject(new Error(`sshd exited with ${code}: ${sshdLog}`)));
    });

    // What the sandbox's report writer makes for two card payments, a refund and a settlement.
    sandbox = await startSandbox({ timeScale: 10_000 });
    const client = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
    const pay = (paymentRequestId: string, value: string) =>
      client.payments.pay({
        productCode: 'CASHIER_PAYMENT',
        paymentRequestId,
        order: { referenceOrderId: paymentRequestId, orderDescription: 'A mug', orderAmount: usd(value) },
        paymentAmount: usd(value),
        paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { cardNo: '4054695723100768', cvv: '123' } },
        paymentRedirectUrl: 'http://127.0.0.1:9/return',
      } as never);
    const first = await pay('pay_1', '1999');
    const second = await pay('pay_2', '500');
    await client.payments.refund({ refundRequestId: 'ref_1', paymentId: first.paymentId!, refundAmount: usd('300') });
    const settled = await fetch(`${sandbox.url}/_sandbox/payments/${second.paymentId}/settle`, { method: 'POST' });
    expect(settled.status).toBe(201);
    await client.close();
    for (const [name, text] of reportFiles(sandbox.runtime, sandbox.clientId)) served.set(name, text);
    const transactions = [...served.keys()].find((name) => name.startsWith('transactionItems_'))!;
    date = /_(\d{8})_/.exec(transactions)![1]!;
    writeFileSync(
      join(dir, 'orders.json'),
      JSON.stringify([
        { paymentRequestId: 'pay_1', paymentId: first.paymentId, amount: usd('1999'), status: 'PARTIALLY_REFUNDED' },
        { paymentRequestId: 'pay_2', paymentId: second.paymentId, amount: usd('500'), status: 'PAID' },
        { paymentRequestId: 'pay_1', refundRequestId: 'ref_1', amount: usd('300'), status: 'SUCCESS' },
      ]),
    );

    // Antom's layout: <remote>/<merchantId>/<yyyyMMdd>/<file>; all of today's files sit in the same date folder.
    const today = join(remote(), MERCHANT, date);
    mkdirSync(today, { recursive: true });
    for (const [name, text] of served) writeFileSync(join(today, name), text);
    writeFileSync(join(today, `transactionItems_${date}_001.csv`), served.get(transactions)!.replace('<END>\n', ''));
    writeFileSync(join(today, `transactionItems_${date}_000.xlsx`), 'PK\u0003\u0004 not a CSV');
    const older = formatTransactionReport([
      { transactionId: 'p0', transactionRequestId: 'pay_0', transactionType: 'PAYMENT', transactionAmount: usd('1') },
    ]);
    for (const folder of ['20240101', '2024-01-02', 'archive']) {
      mkdirSync(join(remote(), MERCHANT, folder), { recursive: true });
      writeFileSync(join(remote(), MERCHANT, folder, `transactionItems_${folder.replace(/-/g, '')}_000.csv`), older);
    }
    await listening;
  }, 30_000);

  afterAll(async () => {
    if (sshd && sshd.exitCode === null) {
      const exited = new Promise((resolve) => sshd.once('exit', resolve));
      sshd.kill('SIGTERM');
      await exited;
    }
    await sandbox?.close();
    await cleanup?.();
  });

  it('downloads the new complete files (host key by fingerprint, encrypted key), refuses a truncated one', async () => {
    const result = await antom(
      fetchArgs(
        'fetched',
        ...key,
        '--host-key-fingerprint',
        hostFingerprint,
        '--merchant-id',
        MERCHANT,
        '--since',
        date,
      ),
      withPassphrase,
    );
    expect(result.code, `${result.stdout}${result.stderr}\nsshd: ${sshdLog}`).toBe(1);
    expect(result.stdout).toMatch(/3 fetched, 0 already here, 1 failed/);
    expect(result.stderr).toMatch(new RegExp(`${date}/transactionItems_${date}_001\\.csv: .*no final <END> line`));
    expect(result.stderr).toMatch(/ignoring 1 file\(s\) that are not CSV/);
    const local = join(dir, 'fetched', MERCHANT, date);
    expect(readdirSync(local).sort()).toEqual([...served.keys()].sort());
    for (const [name, text] of served) {
      expect(readFileSync(join(local, name), 'utf8')).toBe(text);
      expect(statSync(join(local, name)).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(join(dir, 'fetched', MERCHANT))).toEqual([date]);
    expect(result.stdout + result.stderr).not.toContain(PASSPHRASE);
  });

  it('skips the files it has, fetches the rest once complete (every merchant and date folder, hashed known_hosts)', async () => {
    appendFileSync(join(remote(), MERCHANT, date, `transactionItems_${date}_001.csv`), '<END>\n');
    const hostLine = `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`;
    writeFileSync(join(dir, 'known_hosts'), `other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA\n${hostLine}`);
    execFileSync('ssh-keygen', ['-H', '-f', join(dir, 'known_hosts')], { stdio: 'ignore' });
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).not.toContain('127.0.0.1');
    const result = await antomInProcess(fetchArgs('fetched', ...key, '--known-hosts', 'known_hosts'), withPassphrase);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/3 fetched, 3 already here, 0 failed/);
    expect(readdirSync(join(dir, 'fetched', MERCHANT)).sort()).toEqual(['20240101', '2024-01-02', date].sort());
    expect(readdirSync(join(dir, 'fetched', MERCHANT, date))).toContain(`transactionItems_${date}_001.csv`);
  });

  it('feeds antom reports reconcile: the fetched transactions match the shop records', async () => {
    const file = join(dir, 'fetched', MERCHANT, date, `transactionItems_${date}_000.csv`);
    const result = await antomInProcess(['reports', 'reconcile', file, '--orders', join(dir, 'orders.json')]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/matched: 2 payments, 1 refunds/);
    const summary = [...served.keys()].find((name) => name.startsWith('settlementSummary_'))!;
    const parsed = await antomInProcess(['reports', 'parse', join(dir, 'fetched', MERCHANT, date, summary), '--json']);
    expect(JSON.parse(parsed.stdout).totals.settlementByCurrency).toEqual({ USD: { count: 1, value: '500' } });
  });

  it('refuses a host key that does not match, or one it does not know (exit 2, nothing written)', async () => {
    const wrong = fingerprintOf(join(dir, 'stranger_key.pub'));
    writeFileSync(join(dir, 'empty_known_hosts'), '');
    const [mismatch, unknown] = await Promise.all([
      antomInProcess(fetchArgs('refused', ...key, '--host-key-fingerprint', wrong), withPassphrase),
      antomInProcess(fetchArgs('refused', ...key, '--known-hosts', 'empty_known_hosts'), withPassphrase),
    ]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(
      `the host key of 127.0.0.1:${port} is ${hostFingerprint}, not the --host-key-fingerprint ${wrong}: refusing to connect`,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `127.0.0.1:${port} is not in empty_known_hosts: check its host key with Antom, then pass ` +
        `--host-key-fingerprint (the server showed ${hostFingerprint})`,
    );
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('bad keys get a clear error and never show the key or passphrase', async () => {
    writeFileSync(join(dir, 'not_a_key'), 'hello, I am not a key\n');
    const userKey = readFileSync(join(dir, 'user_key'), 'utf8').split('\n')[1]!;
    const strangerKey = readFileSync(join(dir, 'stranger_key'), 'utf8').split('\n')[1]!;
    const pin = ['--host-key-fingerprint', hostFingerprint];
    const [garbage, wrongPassphrase, missingPassphrase, stranger] = await Promise.all([
      antomInProcess(fetchArgs('bad', '--key', 'not_a_key', ...pin), { cwd: dir }),
      antomInProcess(fetchArgs('bad', ...key, ...pin), {
        cwd: dir,
        env: { ANTOM_SFTP_PASSPHRASE: 'not-the-passphrase-42' },
      }),
      antomInProcess(fetchArgs('bad', ...key, ...pin), { cwd: dir }),
      antomInProcess(fetchArgs('bad', '--key', 'stranger_key', ...pin), { cwd: dir }),
    ]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/--key not_a_key is not a usable SSH private key: Unsupported key format/);
    expect(wrongPassphrase.code).toBe(2);
    expect(wrongPassphrase.stderr).toMatch(/--key user_key is not a usable SSH private key: .*bad passphrase/);
    expect(missingPassphrase.code).toBe(2);
    expect(missingPassphrase.stderr).toMatch(/no passphrase given \(set ANTOM_SFTP_PASSPHRASE\)/);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toMatch(/@127\.0\.0\.1:\d+ refused the key stranger_key \(authentication failed\)/);
    for (const run of [garbage, wrongPassphrase, missingPassphrase, stranger]) {
      const printed = run.stdout + run.stderr;
      for (const secret of [userKey, strangerKey, 'hello, I am not a key', 'not-the-passphrase-42', PASSPHRASE])
        expect(printed).not.toContain(secret);
    }
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('usage errors: no source, both sources, SFTP flags with --from, a bad fingerprint or date (exit 2)', async () => {
    const runs = await Promise.all([
      antomInProcess(['reports', 'fetch', '--out', dir]),
      antomInProcess(['reports', 'fetch', '--from', 'http://127.0.0.1:9', '--host', '127.0.0.1']),
      antomInProcess(['reports', 'fetch', '--from', 'http://127.0.0.1:9', '--since', '20240101']),
      antomInProcess(fetchArgs('x', ...key, '--host-key-fingerprint', 'MD5:aa:bb'), { cwd: dir }),
      antomInProcess(fetchArgs('x', ...key, '--host-key-fingerprint', hostFingerprint, '--since', '2024-02-30'), {
        cwd: dir,
      }),
    ]);
    expect(runs.map((r) => `${r.code} ${r.stderr.trim()}`)).toEqual([
      '2 error: missing --host HOST (SFTP, as Antom delivers reports) or --from GATEWAY (see --help)',
      '2 error: give --from or --host, not both',
      '2 error: --since is for SFTP (--host), not --from',
      '2 error: --host-key-fingerprint is SHA256:<43 base64 characters>, as `ssh-keygen -lf` prints it',
      '2 error: --since is a date: yyyyMMdd or yyyy-MM-dd',
    ]);
  });
});
