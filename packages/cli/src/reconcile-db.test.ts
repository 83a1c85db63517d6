import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTransactionReport } from '@antomkit/core/reports';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_QUERY } from './merchant-sources';
import { antom, freePort } from './test-utils';

function which(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`]);
    return true;
  } catch {
    return false;
  }
}

const root = process.getuid?.() === 0;
const available = which('initdb') && which('postgres') && (!root || which('runuser'));
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

const usd = (value: string) => ({ currency: 'USD', value });

describe.skipIf(!available)('antom reports reconcile --db (a real PostgreSQL on loopback)', () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'antom-pg-'));
    if (root) chownSync(dir, 101, 104);
    const data = join(dir, 'data');
    const [initCmd, initArgs] = asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'shop', '--no-sync']);
    execFileSync(initCmd, initArgs, { stdio: 'ignore' });
    const port = await freePort();
    const [cmd, args] = asPostgres('postgres', ['-D', data, '-k', dir, '-h', '127.0.0.1', '-p', String(port), '-F']);
    server = spawn(cmd, args, { stdio: 'ignore' });
    url = `postgres://shop@127.0.0.1:${port}/postgres`;
    for (let i = 0; ; i++) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.query(`
          CREATE TABLE orders (order_id text PRIMARY KEY, status text NOT NULL, currency text NOT NULL, amount_value bigint NOT NULL,
            current_payment_request_id text, payment_id text);
          CREATE TABLE refunds (refund_request_id text PRIMARY KEY, order_id text NOT NULL, currency text NOT NULL,
            amount_value bigint NOT NULL, status text NOT NULL);
          INSERT INTO orders VALUES ('o1', 'PARTIALLY_REFUNDED', 'USD', 1000, 'pay_1', 'p1'), ('o2', 'PAID', 'USD', 2500, 'pay_2', 'p2'),
            ('o3', 'PENDING', 'USD', 700, 'pay_3', NULL), ('o4', 'CREATED', 'USD', 100, NULL, NULL);
          INSERT INTO refunds VALUES ('ref_1', 'o1', 'USD', 400, 'SUCCESS');`);
        await client.end();
        break;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (i > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (server) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the shop schema through DATABASE_URL and finds the payment the shop still thinks is pending', async () => {
    const report = join(dir, 'report.csv');
    writeFileSync(
      report,
      formatTransactionReport([
        {
          transactionId: 'p1',
          transactionRequestId: 'pay_1',
          transactionType: 'PAYMENT',
          transactionAmount: usd('1000'),
        },
        {
          transactionId: 'p2',
          transactionRequestId: 'pay_2',
          transactionType: 'PAYMENT',
          transactionAmount: usd('2500'),
        },
        {
          transactionId: 'p3',
          transactionRequestId: 'pay_3',
          transactionType: 'PAYMENT',
          transactionAmount: usd('700'),
        },
        {
          transactionId: 'r1',
          transactionRequestId: 'ref_1',
          transactionType: 'REFUND',
          transactionAmount: usd('-400'),
        },
      ]),
    );
    const result = await antom(['reports', 'reconcile', report, '--db', '--json'], { env: { DATABASE_URL: url } });
    expect(result.code, result.stderr).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.summary).toMatchObject({
      merchantRecords: 4,
      matchedPayments: 2,
      matchedRefunds: 1,
      statusMismatches: 1,
    });
    expect(parsed.issues).toMatchObject([
      { type: 'status_mismatch', paymentRequestId: 'pay_3', merchantStatus: 'PENDING' },
    ]);

    const custom = await antom([
      'reports',
      'reconcile',
      report,
      '--db-url',
      url,
      '--db-query',
      `${SHOP_QUERY.split('UNION ALL')[0]} AND status <> 'PENDING'`,
    ]);
    expect(custom.code).toBe(1);
    expect(custom.stdout).toMatch(/2 in the report but unknown to the shop[\s\S]*PAYMENT pay_3[\s\S]*REFUND ref_1/);
    const bad = await antom(['reports', 'reconcile', report, '--db-url', url, '--db-table', 'no_such_table']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/query failed: relation "no_such_table" does not exist/);
  });
});
