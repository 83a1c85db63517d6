import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTransactionReport } from '@antomkit/core/reports';
import { postgresAvailable, type Service, startPostgres } from '@antomkit/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_QUERY } from './merchant-sources';
import { antom, tempDir } from './test-utils';

const usd = (value: string) => ({ currency: 'USD', value });

describe.skipIf(!postgresAvailable)('antom reports reconcile --db (a real PostgreSQL on loopback)', () => {
  let postgres: Service | undefined;
  let url: string;
  let dir: string;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    postgres = await startPostgres();
    url = postgres.url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`
        CREATE TABLE orders (order_id text PRIMARY KEY, status text NOT NULL, currency text NOT NULL, amount_value bigint NOT NULL,
          current_payment_request_id text, payment_id text);
        CREATE TABLE refunds (refund_request_id text PRIMARY KEY, order_id text NOT NULL, currency text NOT NULL,
          amount_value bigint NOT NULL, status text NOT NULL);
        INSERT INTO orders VALUES ('o1', 'PARTIALLY_REFUNDED', 'USD', 1000, 'pay_1', 'p1'), ('o2', 'PAID', 'USD', 2500, 'pay_2', 'p2'),
          ('o3', 'PENDING', 'USD', 700, 'pay_3', NULL), ('o4', 'CREATED', 'USD', 100, NULL, NULL);
        INSERT INTO refunds VALUES ('ref_1', 'o1', 'USD', 400, 'SUCCESS');`);
    } finally {
      await client.end();
    }
  }, 60_000);

  afterAll(async () => {
    await postgres?.stop();
    await cleanup?.();
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
