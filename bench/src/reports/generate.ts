import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { reportStream, type SettlementRowInput } from '@antomkit/core/reports';

function* settlementRows(count: number): Generator<SettlementRowInput> {
  for (let i = 0; i < count; i++) {
    const refund = i % 10 === 9;
    const value = String(1000 + (i % 9000));
    yield {
      settlementBatchId: `2026113000${String(Math.floor(i / 50_000)).padStart(4, '0')}`,
      transactionId: `2026113019400${String(i).padStart(19, '0')}`,
      transactionRequestId: `${refund ? 'refund' : 'pay'}_${i}`,
      originalTransactionId: refund ? `2026113019400${String(i - 1).padStart(19, '0')}` : undefined,
      transactionType: refund ? 'REFUND' : 'PAYMENT',
      transactionTime: '2026-11-30T19:40:00+08:00',
      paymentMethodType: i % 3 === 0 ? 'CARD' : 'ALIPAY_CN',
      customerId: 'cust_bench',
      transactionAmount: { currency: 'USD', value },
      settlementAmount: { currency: 'USD', value: refund ? `-${value}` : value },
      feeAmount: { currency: 'USD', value: '-30' },
    };
  }
}

/** Writes a settlement details report of `count` rows with core's writer (streamed: any size). */
export async function generateSettlementReport(path: string, count: number): Promise<void> {
  await pipeline(reportStream('settlementDetails', settlementRows(count)), createWriteStream(path));
}
