import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatSettlementReport, formatTransactionReport } from '@antomkit/core/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antom, tempDir } from './test-utils';

const usd = (value: string) => ({ currency: 'USD', value });
const report = formatTransactionReport([
  {
    transactionId: 'p1',
    transactionRequestId: 'pay_1',
    transactionType: 'PAYMENT',
    transactionAmount: usd('1000'),
    feeAmount: usd('-30'),
  },
  { transactionId: 'p2', transactionRequestId: 'pay_2', transactionType: 'PAYMENT', transactionAmount: usd('2500') },
  {
    transactionId: 'r1',
    transactionRequestId: 'ref_1',
    originalTransactionId: 'p1',
    transactionType: 'REFUND',
    transactionAmount: usd('-400'),
  },
  { transactionId: 'd1', originalTransactionId: 'p2', transactionType: 'DISPUTE', transactionAmount: usd('2500') },
]);
const orders = [
  { paymentRequestId: 'pay_1', paymentId: 'p1', amount: usd('1000'), status: 'PARTIALLY_REFUNDED' },
  { paymentRequestId: 'pay_2', paymentId: 'p2', amount: usd('2500'), status: 'PAID' },
  { paymentRequestId: 'pay_1', refundRequestId: 'ref_1', amount: usd('400'), status: 'SUCCESS' },
];

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  writeFileSync(file('transactionItems_20240101_000.csv'), `\uFEFF${report}`);
  writeFileSync(file('truncated.csv'), report.replace('<END>\n', ''));
  writeFileSync(file('orders.json'), JSON.stringify(orders));
  writeFileSync(
    file('orders.csv'),
    'paymentRequestId,refundRequestId,amount,currency,status\npay_1,,10.00,USD,PAID\npay_2,,24.00,USD,PAID\npay_3,,5.00,USD,PAID\n',
  );
});
afterAll(() => cleanup());

describe('antom reports parse', () => {
  it('prints totals per currency and type; --json is machine-readable', async () => {
    const text = await antom(['reports', 'parse', 'transactionItems_20240101_000.csv'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/transactionDetails, 4 rows/);
    expect(text.stdout).toMatch(/USD 56\.00 \(4 rows, 5600 minor\)/);
    expect(text.stdout).toMatch(/REFUND\s+USD -4\.00/);
    const json = await antom(['reports', 'parse', file('transactionItems_20240101_000.csv'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'transactionDetails',
      unit: 'minor',
      totals: { rows: 4, byCurrency: { USD: { count: 4, value: '5600' } }, feeByCurrency: { USD: { value: '-30' } } },
    });
  });

  it('reports progress on stderr for long files when asked (ANTOM_PROGRESS=1 or a TTY)', async () => {
    const rows = Array.from({ length: 210_000 }, (_, i) => ({
      transactionId: `t${i}`,
      transactionRequestId: `pay_${i}`,
      transactionType: 'PAYMENT',
      transactionAmount: usd('1'),
    }));
    writeFileSync(file('big.csv'), formatTransactionReport(rows));
    const result = await antom(['reports', 'parse', file('big.csv')], { env: { ANTOM_PROGRESS: '1' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/parsing: 200,000 rows[\s\S]*parsing: 210,000 rows, done/);
    expect(result.stdout).toMatch(/210000 rows/);
    const quiet = await antom(['reports', 'parse', file('big.csv')]);
    expect(quiet.stderr).toBe('');
  });

  it('exit 2 naming the line for a truncated file, a missing file or bad flags', async () => {
    const truncated = await antom(['reports', 'parse', file('truncated.csv')]);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/line 5: .*no final <END> line.*REPORT_TRUNCATED/);
    expect((await antom(['reports', 'parse', file('nope.csv')])).stderr).toMatch(/no such file/);
    expect((await antom(['reports', 'parse', file('truncated.csv'), '--units', 'cents'])).code).toBe(2);
  });
});

describe('antom reports reconcile', () => {
  const reconcileWith = (orders: string, ...flags: string[]) =>
    antom(['reports', 'reconcile', file('transactionItems_20240101_000.csv'), '--orders', file(orders), ...flags]);

  it('exit 0 when the shop agrees (JSON export), listing the dispute as an adjustment', async () => {
    const result = await reconcileWith('orders.json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/matched: 2 payments, 1 refunds; 1 disputes/);
    expect(result.stdout).toMatch(/DISPUTE d1 USD 25\.00 on pay_2/);
    expect(result.stdout).toMatch(/reconciled: no differences/);
  });

  it('exit 1 with machine-readable differences (CSV export in major units)', async () => {
    const result = await reconcileWith('orders.csv', '--orders-units', 'major', '--json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.summary).toMatchObject({
      ok: false,
      matchedPayments: 1,
      missingInReport: 1,
      missingInMerchant: 1,
      amountMismatches: 1,
    });
    expect(parsed.issues.map((i: { type: string }) => i.type).sort()).toEqual([
      'amount_mismatch',
      'missing_in_merchant',
      'missing_in_report',
    ]);
    expect(parsed.issues.find((i: { type: string }) => i.type === 'amount_mismatch')).toMatchObject({
      paymentRequestId: 'pay_2',
      expected: usd('2400'),
      actual: usd('2500'),
    });
  });

  it('exit 2 for orders it cannot read, naming the line', async () => {
    const result = await reconcileWith('orders.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/orders: line 2: "10\.00" in amount is not an integer amount in minor units/);
  });
});

describe('antom reports fetch', () => {
  let server: Server;
  let origin: string;
  const files: Record<string, string> = {
    'transactionItems_20240101_000.csv': report,
    'settlementItems_USD_B1_000.csv': formatSettlementReport([
      {
        transactionId: 'p1',
        transactionRequestId: 'pay_1',
        transactionType: 'PAYMENT',
        transactionAmount: usd('1000'),
        settlementBatchId: 'B1',
        settlementAmount: usd('970'),
      },
    ]),
    'transactionItems_20240102_000.csv': report.replace('<END>\n', ''),
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/gw/sandbox/reports') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ files: Object.keys(files).map((name) => ({ name })) }));
        return;
      }
      const name = decodeURIComponent(req.url!.replace('/gw/sandbox/reports/', ''));
      if (files[name] === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/csv' }).end(files[name]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gw`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('downloads new complete files, refuses a truncated one, skips what it has', async () => {
    const out = join(dir, 'fetched');
    const first = await antom(['reports', 'fetch', '--from', origin, '--out', out]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/2 fetched, 0 already here, 1 failed/);
    expect(first.stderr).toMatch(/transactionItems_20240102_000\.csv: .*no final <END>/);
    expect(readFileSync(join(out, 'transactionItems_20240101_000.csv'), 'utf8')).toBe(report);
    expect(existsSync(join(out, 'transactionItems_20240102_000.csv'))).toBe(false);
    expect(existsSync(join(out, 'transactionItems_20240102_000.csv.part'))).toBe(false);
    const second = await antom(['reports', 'fetch', '--from', origin, '--out', out, 'settlementItems_USD_B1_000.csv']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 fetched, 1 already here, 0 failed/);
    const parsed = await antom(['reports', 'parse', join(out, 'settlementItems_USD_B1_000.csv'), '--json']);
    expect(JSON.parse(parsed.stdout).totals.settlementByCurrency).toEqual({ USD: { count: 1, value: '970' } });
    expect((await antom(['reports', 'fetch', '--from', origin, '--out', out, '../etc/passwd'])).code).toBe(2);
  });
});
