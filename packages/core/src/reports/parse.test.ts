import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toMajorUnits, toMinorUnits } from './amount';
import { parseReport } from './parse';
import type { ReportRow } from './rows';
import { summarizeReport } from './totals';
import {
  formatReport,
  formatSettlementReport,
  formatSettlementSummary,
  formatTransactionReport,
  reportFileName,
} from './write';

async function rows(text: string, options = {}): Promise<ReportRow[]> {
  const out: ReportRow[] = [];
  for await (const row of parseReport([text], options)) out.push(row);
  return out;
}

const transactions = [
  {
    transactionId: '2024010112345',
    transactionRequestId: 'pay_1',
    transactionType: 'PAYMENT',
    transactionTime: '2024-01-01T10:00:00+08:00',
    paymentMethodType: 'CARD',
    transactionAmount: { currency: 'USD', value: '1050' },
    feeAmount: { currency: 'USD', value: '-30' },
  },
  {
    transactionId: '2024010198765',
    transactionRequestId: 'ref_1',
    originalTransactionId: '2024010112345',
    transactionType: 'REFUND',
    transactionAmount: { currency: 'USD', value: '-500' },
  },
  {
    transactionId: 'd_1',
    originalTransactionId: '2024010155555',
    transactionType: 'DISPUTE',
    transactionAmount: { currency: 'JPY', value: '700' },
    extra: { referenceStoreId: 'store, "north"' },
  },
];

describe('parseReport', () => {
  it('round-trips the writer: typed rows, amounts in minor units, raw fields kept', async () => {
    const text = formatTransactionReport(transactions);
    expect(text.split('\n').at(-2)).toBe('<END>');
    const parsed = await rows(text);
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({
      kind: 'transactionDetails',
      line: 2,
      transactionId: '2024010112345',
      transactionRequestId: 'pay_1',
      transactionType: 'PAYMENT',
      transactionAmount: { currency: 'USD', value: '1050' },
      feeAmount: { currency: 'USD', value: '-30' },
      paymentMethodType: 'CARD',
    });
    expect(parsed[1]).toMatchObject({ transactionType: 'REFUND', originalTransactionId: '2024010112345' });
    expect(parsed[2]).toMatchObject({ transactionType: 'DISPUTE', fields: { referenceStoreId: 'store, "north"' } });
    expect(parsed[2]).not.toHaveProperty('transactionRequestId');
  });

  it('detects settlement details and summaries and totals them per currency and type', async () => {
    const details = formatSettlementReport([
      { ...transactions[0]!, settlementBatchId: 'B1', settlementAmount: { currency: 'USD', value: '1020' } },
      { ...transactions[1]!, settlementBatchId: 'B1', settlementAmount: { currency: 'USD', value: '-500' } },
    ]);
    const totals = await summarizeReport([details]);
    expect(totals).toMatchObject({
      kind: 'settlementDetails',
      rows: 2,
      byCurrency: { USD: { count: 2, value: '550' } },
      settlementByCurrency: { USD: { count: 2, value: '520' } },
      feeByCurrency: { USD: { count: 1, value: '-30' } },
      byTransactionType: {
        PAYMENT: { USD: { count: 1, value: '1050' } },
        REFUND: { USD: { count: 1, value: '-500' } },
      },
    });
    const summary = formatSettlementSummary([
      {
        settlementBatchId: 'B1',
        summaryType: 'PAYMENT',
        count: 1,
        settlementAmount: { currency: 'USD', value: '1020' },
      },
      {
        settlementBatchId: 'B1',
        summaryType: 'REFUND',
        count: 1,
        settlementAmount: { currency: 'USD', value: '-500' },
      },
    ]);
    const [first] = await rows(summary);
    expect(first).toMatchObject({ kind: 'settlementSummary', summaryType: 'PAYMENT', count: 1 });
    expect(await summarizeReport([summary])).toMatchObject({ byCurrency: { USD: { count: 2, value: '520' } } });
  });

  it('reads major units where the report uses them (marketplace summary) and per-currency exponents', async () => {
    const text =
      'settlementBatchId,merchantId,summaryType,count,settlementAmountValue,settlementCurrency\nB1,M1,PAYMENT,2,12.50,USD\nB1,M1,PAYMENT,1,300,JPY\nB1,M1,REFUND,1,-0.125,KWD\n<END>\n';
    const parsed = await rows(text);
    expect(parsed.map((r) => (r.kind === 'settlementSummary' ? r.settlementAmount : undefined))).toEqual([
      { currency: 'USD', value: '1250' },
      { currency: 'JPY', value: '300' },
      { currency: 'KWD', value: '-125' },
    ]);
    expect(toMinorUnits('1.5', 'USD', 'major')).toBe('150');
    expect(toMajorUnits('-5', 'USD')).toBe('-0.05');
    expect(() => toMinorUnits('1.001', 'USD', 'major')).toThrow(/more decimals/);
  });

  it('accepts the older column names (acquirer) and writes major units on request', async () => {
    const text = formatReport('transactionDetails', [transactions[0]!], { units: 'major' }).replace('PSP', 'acquirer');
    expect(text).toContain(',10.50,USD,');
    const [row] = await rows(text, { units: 'major' });
    expect(row).toMatchObject({ fields: { PSP: '' }, transactionAmount: { value: '1050' } });
  });

  it('accepts an <END> line padded with commas, as spreadsheet exports write it', async () => {
    const text = formatTransactionReport(transactions).replace('<END>', '<END>,,,,');
    expect(await rows(text)).toHaveLength(3);
  });

  it('a file without <END> is truncated: rows are yielded, then an error with the last line', async () => {
    const text = formatTransactionReport(transactions).replace('<END>\n', '');
    const seen: string[] = [];
    await expect(async () => {
      for await (const row of parseReport([text])) seen.push(row.kind);
    }).rejects.toMatchObject({ code: 'REPORT_TRUNCATED', line: 4 });
    expect(seen).toHaveLength(3);
  });

  it('names the line and the problem of a malformed row', async () => {
    const good = formatTransactionReport(transactions);
    const lines = good.split('\n');
    const wrongCount = [...lines.slice(0, 2), 'a,b,c', ...lines.slice(2)].join('\n');
    await expect(rows(wrongCount)).rejects.toMatchObject({ code: 'REPORT_BAD_ROW', line: 3 });
    const badAmount = good.replace(',1050,USD,', ',10.50,USD,');
    await expect(rows(badAmount)).rejects.toMatchObject({ code: 'REPORT_BAD_AMOUNT', line: 2 });
    await expect(rows(badAmount)).rejects.toThrow(/units: 'major'/);
    await expect(rows(good.replace(',1050,USD,', ',1050,usd,'))).rejects.toMatchObject({ code: 'REPORT_BAD_CURRENCY' });
    await expect(rows(`${good}x,y\n`)).rejects.toMatchObject({ code: 'REPORT_DATA_AFTER_END', line: 6 });
    await expect(rows('foo,bar\n<END>\n')).rejects.toMatchObject({ code: 'REPORT_UNKNOWN_LAYOUT', line: 1 });
    await expect(rows('transactionType,transactionId\n<END>\n')).rejects.toMatchObject({
      code: 'REPORT_MISSING_COLUMNS',
    });
    await expect(rows('')).rejects.toMatchObject({ code: 'REPORT_EMPTY' });
  });

  it("names files in Antom's layout", () => {
    expect(reportFileName('transactionDetails', { date: '20240101' })).toBe('transactionItems_20240101_000.csv');
    expect(reportFileName('settlementDetails', { currency: 'USD', settlementBatchId: 'B1' })).toBe(
      'settlementItems_USD_B1_000.csv',
    );
  });

  it('streams a 1,000,000-row file with flat memory', async () => {
    const total = 1_000_000;
    const header = 'transactionId,transactionRequestId,transactionType,transactionAmountValue,transactionCurrency\n';
    function* generate() {
      yield header;
      const batch = 2_000;
      for (let start = 0; start < total; start += batch) {
        let chunk = '';
        for (let i = start; i < start + batch; i++)
          chunk += `t${i},pay_${i},${i % 10 === 0 ? 'REFUND' : 'PAYMENT'},${i % 1000},USD\n`;
        yield chunk;
      }
      yield '<END>\n';
    }
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    const totals = await summarizeReport(Readable.from(generate()), {
      onRow: () => {
        if (++count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(totals.rows).toBe(total);
    expect(totals.byTransactionType.REFUND!.USD!.count).toBe(100_000);
    expect(totals.byCurrency.USD!.value).toBe(String(1000 * ((999 * 1000) / 2)));
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);
});
