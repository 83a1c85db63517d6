import { describe, expect, it } from 'vitest';
import { merchantRecordsFromCsv, merchantRecordsFromJson } from './merchant';
import { parseReport } from './parse';
import { reconcile } from './reconcile';
import { formatTransactionReport } from './write';

const usd = (value: string) => ({ currency: 'USD', value });

const report = formatTransactionReport([
  { transactionId: 'p1', transactionRequestId: 'pay_ok', transactionType: 'PAYMENT', transactionAmount: usd('1000') },
  {
    transactionId: 'p2',
    transactionRequestId: 'pay_amount',
    transactionType: 'PAYMENT',
    transactionAmount: usd('990'),
  },
  {
    transactionId: 'p3',
    transactionRequestId: 'pay_ccy',
    transactionType: 'PAYMENT',
    transactionAmount: { currency: 'EUR', value: '500' },
  },
  {
    transactionId: 'p4',
    transactionRequestId: 'pay_unknown',
    transactionType: 'PAYMENT',
    transactionAmount: usd('100'),
  },
  {
    transactionId: 'p5',
    transactionRequestId: 'pay_pending',
    transactionType: 'PAYMENT',
    transactionAmount: usd('300'),
  },
  {
    transactionId: 'a6',
    transactionRequestId: 'pay_auth',
    transactionType: 'AUTHORIZATION',
    transactionAmount: usd('800'),
  },
  { transactionId: 'c6', transactionRequestId: 'pay_auth', transactionType: 'CAPTURE', transactionAmount: usd('500') },
  { transactionId: 'c7', transactionRequestId: 'pay_auth', transactionType: 'CAPTURE', transactionAmount: usd('300') },
  {
    transactionId: 'r1',
    transactionRequestId: 'ref_ok',
    originalTransactionId: 'p1',
    transactionType: 'REFUND',
    transactionAmount: usd('-400'),
  },
  { transactionId: 'd1', originalTransactionId: 'p1', transactionType: 'DISPUTE', transactionAmount: usd('600') },
]);

const merchant = `paymentRequestId,refundRequestId,paymentId,amount,currency,status
pay_ok,,p1,1000,USD,PARTIALLY_REFUNDED
pay_amount,,,1000,USD,PAID
pay_ccy,,,500,USD,PAID
pay_pending,,,300,USD,PENDING
pay_auth,,,800,USD,PAID
pay_missing,,,700,USD,PAID
pay_failed,,,200,USD,FAILED
pay_ok,ref_ok,,400,USD,SUCCESS
pay_ok,ref_missing,,100,USD,SUCCESS
<END>
`;

describe('reconcile', () => {
  it('finds every kind of difference and accounts refunds, captures and disputes', async () => {
    const result = await reconcile(parseReport([report]), merchantRecordsFromCsv([merchant]));
    const byType = (type: string) =>
      result.issues.filter((i) => i.type === type).map((i) => i.refundRequestId ?? i.paymentRequestId);
    expect(byType('missing_in_report').sort()).toEqual(['pay_missing', 'ref_missing']);
    expect(byType('missing_in_merchant')).toEqual(['pay_unknown']);
    expect(byType('amount_mismatch')).toEqual(['pay_amount']);
    expect(byType('currency_mismatch')).toEqual(['pay_ccy']);
    expect(byType('status_mismatch')).toEqual(['pay_pending']);
    expect(result.issues.find((i) => i.type === 'amount_mismatch')).toMatchObject({
      expected: usd('1000'),
      actual: usd('990'),
      line: 3,
      merchantRef: 'line 3',
    });
    expect(result.summary).toMatchObject({
      ok: false,
      reportRows: 10,
      merchantRecords: 9,
      matchedPayments: 2,
      matchedRefunds: 1,
      disputes: 1,
      ignoredRows: 1,
    });
    expect(result.adjustments).toEqual([
      {
        transactionType: 'DISPUTE',
        transactionId: 'd1',
        originalTransactionId: 'p1',
        paymentRequestId: 'pay_ok',
        amount: usd('600'),
        line: 11,
      },
    ]);
    // 1000 + 990 + 100 + 300 + 500 + 300 - 400 - 600 in USD; EUR 500
    expect(result.summary.reportNetByCurrency).toEqual({ USD: '2190', EUR: '500' });
  });

  it('is clean when both sides agree, with JSON exports too', async () => {
    const records = merchantRecordsFromJson({
      orders: [
        { paymentRequestId: 'pay_ok', amount: usd('1000'), status: 'PAID' },
        { refundRequestId: 'ref_ok', amount: { currency: 'USD', value: '400' }, status: 'SUCCESS' },
      ],
    });
    const result = await reconcile(
      parseReport([
        report
          .split('\n')
          .filter((l, i) => i === 0 || /pay_ok|ref_ok|<END>/.test(l))
          .join('\n'),
      ]),
      records,
    );
    expect(result.summary).toMatchObject({ ok: true, matchedPayments: 1, matchedRefunds: 1 });
    expect(result.issues).toEqual([]);
  });

  it('rejects merchant records it cannot use, with the line', async () => {
    const bad = 'paymentRequestId,amount,currency,status\npay_1,10.00,USD,PAID\n';
    await expect(async () => {
      for await (const _ of merchantRecordsFromCsv([bad])) void _;
    }).rejects.toMatchObject({ code: 'MERCHANT_BAD_AMOUNT', line: 2 });
  });
});
