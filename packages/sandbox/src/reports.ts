import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  formatSettlementReport,
  formatSettlementSummary,
  formatTransactionReport,
  reportFileName,
  type TransactionRowInput,
} from '@antomkit/core/reports';
import { sendJson } from './http/body';
import type { SandboxRuntime } from './runtime';

const UTC8 = 8 * 3600 * 1000;

/** Antom's report day: batches run 00:00-23:59:59 UTC+8. */
function reportDate(time: string): string {
  return new Date(Date.parse(time) + UTC8).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Every report file of one owner, in Antom's marketplace layout: name -> CSV text (header, rows, `<END>`). */
export function reportFiles(rt: SandboxRuntime, owner: string): Map<string, string> {
  const { store } = rt;
  const days = new Map<string, TransactionRowInput[]>();
  const add = (time: string, row: TransactionRowInput) => {
    const day = reportDate(time);
    days.set(day, [...(days.get(day) ?? []), { ...row, transactionTime: time }]);
  };
  for (const p of store.payments.values()) {
    if (p.owner !== owner || !p.paymentTime) continue;
    const base = {
      transactionRequestId: p.paymentRequestId,
      paymentMethodType: p.paymentMethodType,
      extra: { referenceMerchantId: p.referenceMerchantId ?? '' },
    };
    if (p.captureMode === 'MANUAL') {
      add(p.paymentTime, {
        ...base,
        transactionId: p.paymentId,
        transactionType: 'AUTHORIZATION',
        transactionAmount: p.paymentAmount,
      });
      for (const c of store.capturesOf(p.paymentId)) {
        add(c.captureTime, {
          ...base,
          transactionId: c.captureId,
          originalTransactionId: p.paymentId,
          transactionType: 'CAPTURE',
          transactionAmount: c.captureAmount,
        });
      }
    } else {
      add(p.paymentTime, {
        ...base,
        transactionId: p.paymentId,
        transactionType: 'PAYMENT',
        transactionAmount: p.paymentAmount,
      });
    }
    if (p.status === 'CANCELLED' && p.cancelTime) {
      add(p.cancelTime, {
        ...base,
        transactionId: `${p.paymentId}C`,
        originalTransactionId: p.paymentId,
        transactionType: 'CANCEL',
        transactionAmount: p.paymentAmount,
      });
    }
    for (const r of store.refundsOf(p.paymentId)) {
      add(r.refundTime, {
        transactionId: r.refundId,
        transactionRequestId: r.refundRequestId,
        originalTransactionId: p.paymentId,
        transactionType: 'REFUND',
        transactionAmount: r.refundAmount,
        paymentMethodType: p.paymentMethodType,
        extra: { referenceMerchantId: p.referenceMerchantId ?? '' },
      });
    }
  }
  for (const d of store.disputes.values()) {
    if (d.owner !== owner) continue;
    const referenceMerchantId = store.payments.get(d.paymentId)?.referenceMerchantId ?? '';
    const row = {
      transactionId: d.disputeId,
      originalTransactionId: d.paymentId,
      transactionAmount: d.disputeAmount,
      extra: { referenceMerchantId },
    };
    add(d.disputeTime, { ...row, transactionType: 'DISPUTE' });
    if (d.judgedResult === 'ACCEPT_BY_CUSTOMER' && d.resolutionTime) {
      add(d.resolutionTime, { ...row, transactionId: `${d.disputeId}R`, transactionType: 'DISPUTE_REVERSAL' });
    }
  }
  const files = new Map<string, string>();
  for (const [date, rows] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    files.set(reportFileName('transactionDetails', { date }), formatTransactionReport(rows));
  }
  for (const s of store.settlements.values()) {
    if (s.owner !== owner) continue;
    const p = store.payments.get(s.paymentId);
    const currency = s.details[0]?.settlementAmount.currency ?? p?.paymentAmount.currency ?? 'USD';
    const parts = { currency, settlementBatchId: s.settlementId };
    const extraColumns = ['settleTo'];
    files.set(
      reportFileName('settlementDetails', parts),
      formatSettlementReport(
        s.details.map((d) => ({
          settlementBatchId: s.settlementId,
          transactionId: s.paymentId,
          transactionRequestId: p?.paymentRequestId ?? '',
          transactionType: 'PAYMENT',
          transactionTime: s.createdAt,
          transactionAmount: p?.paymentAmount ?? d.settlementAmount,
          settlementAmount: d.settlementAmount,
          extra: { referenceMerchantId: d.referenceMerchantId ?? '', settleTo: d.settleTo },
        })),
        { extraColumns },
      ),
    );
    files.set(
      reportFileName('settlementSummary', parts),
      formatSettlementSummary(
        s.details.map((d) => ({
          settlementBatchId: s.settlementId,
          summaryType: 'PAYMENT',
          count: 1,
          settlementAmount: d.settlementAmount,
          settlementInitiatedDate: reportDate(s.createdAt),
          extra: { settleTo: d.settleTo, referenceMerchantId: d.referenceMerchantId ?? '' },
        })),
        { extraColumns: ['settleTo', 'referenceMerchantId'] },
      ),
    );
  }
  return files;
}

/** `GET /sandbox/reports[?merchant=<owner>]` lists file names; `GET /sandbox/reports/<file>` serves one (what `antom reports fetch` reads). */
export function handleReports(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  query: URLSearchParams,
  rt: SandboxRuntime,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  const owner = query.get('merchant') ?? rt.clientId;
  const files = reportFiles(rt, owner);
  if (pathname === '/sandbox/reports' || pathname === '/sandbox/reports/') {
    sendJson(res, 200, [...files.keys()]);
    return;
  }
  const name = decodeURIComponent(pathname.slice('/sandbox/reports/'.length));
  const file = files.get(name);
  if (file === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('No such report file.');
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=UTF-8',
    'content-disposition': `attachment; filename="${name}"`,
  });
  res.end(req.method === 'HEAD' ? undefined : file);
}
