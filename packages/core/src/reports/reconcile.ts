import { type Amount, addMinor } from './amount';
import { AntomReportError } from './errors';
import { type MerchantRecord, SETTLED_STATUSES } from './merchant';
import type { ReportRow, TransactionRow } from './rows';

export type ReconcileIssueType =
  | 'missing_in_report'
  | 'missing_in_merchant'
  | 'amount_mismatch'
  | 'currency_mismatch'
  | 'status_mismatch';

export interface ReconcileIssue {
  type: ReconcileIssueType;
  paymentRequestId?: string;
  refundRequestId?: string;
  transactionType?: string;
  transactionId?: string;
  /** Line in the report file. */
  line?: number;
  /** The merchant's record reference (line or record number). */
  merchantRef?: string;
  merchantStatus?: string;
  /** What the merchant recorded. */
  expected?: Amount;
  /** What Antom reported. */
  actual?: Amount;
  message: string;
}

/** A dispute, chargeback or reversal Antom reported: money moved that no shop request asked for. */
export interface ReconcileAdjustment {
  transactionType: string;
  transactionId: string;
  /** paymentId of the disputed payment. */
  originalTransactionId?: string;
  /** Found through the merchant's paymentId, when the shop stored it. */
  paymentRequestId?: string;
  amount: Amount;
  line: number;
}

export interface ReconcileSummary {
  ok: boolean;
  reportRows: number;
  merchantRecords: number;
  matchedPayments: number;
  matchedRefunds: number;
  missingInReport: number;
  missingInMerchant: number;
  amountMismatches: number;
  currencyMismatches: number;
  statusMismatches: number;
  disputes: number;
  /** Report rows of types that need no shop record (AUTHORIZATION, ...). */
  ignoredRows: number;
  /** Net per currency as Antom reported it: payments + captures - refunds - disputes (minor units). */
  reportNetByCurrency: Record<string, string>;
  /** Net per currency the shop expects from its settled records: payments - refunds. */
  merchantNetByCurrency: Record<string, string>;
}

export interface ReconcileResult {
  summary: ReconcileSummary;
  /** Up to `maxIssues` issues (the summary counts all of them). */
  issues: ReconcileIssue[];
  adjustments: ReconcileAdjustment[];
}

export interface ReconcileOptions {
  /** Keep at most this many issues in the result (default 10 000); counts stay exact. */
  maxIssues?: number;
  /** Statuses meaning "money moved" (default SETTLED_STATUSES). */
  settledStatuses?: ReadonlySet<string>;
}

const PAYMENT_TYPES = new Set(['PAYMENT', 'CAPTURE']);
const CANCEL_TYPES = new Set(['CANCEL', 'VOID', 'PAYMENT_REVERSAL']);
const DISPUTE_TYPES = new Set(['DISPUTE', 'DISPUTE_REVERSAL', 'RAPID_DISPUTE_RESOLUTION', 'CDRN', 'REFUND_REVERSAL']);
const CREDIT_TYPES = new Set(['DISPUTE_REVERSAL', 'REFUND_REVERSAL']);

interface Seen {
  record: MerchantRecord;
  sum?: Amount;
  line?: number;
  transactionId?: string;
  cancelled?: boolean;
}

const abs = (value: string) => (value.startsWith('-') ? value.slice(1) : value);
const neg = (value: string) => (value.startsWith('-') ? value.slice(1) : value === '0' ? value : `-${value}`);

/**
 * Reconciles Antom's transaction or settlement details rows against the shop's own records: payments and
 * captures by paymentRequestId, refunds by refundRequestId, disputes and reversals listed as adjustments (matched
 * to a payment through paymentId when the shop stored it). Report rows are streamed; merchant records are indexed
 * in memory. Amounts are compared as absolute minor units, since reports may sign refunds negative.
 */
export async function reconcile(
  reportRows: AsyncIterable<ReportRow> | Iterable<ReportRow>,
  merchantRecords: AsyncIterable<MerchantRecord> | Iterable<MerchantRecord>,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const maxIssues = options.maxIssues ?? 10_000;
  const settled = options.settledStatuses ?? SETTLED_STATUSES;
  const payments = new Map<string, Seen>();
  const refunds = new Map<string, Seen>();
  const byPaymentId = new Map<string, string>();
  const issues: ReconcileIssue[] = [];
  const adjustments: ReconcileAdjustment[] = [];
  const summary: ReconcileSummary = {
    ok: false,
    reportRows: 0,
    merchantRecords: 0,
    matchedPayments: 0,
    matchedRefunds: 0,
    missingInReport: 0,
    missingInMerchant: 0,
    amountMismatches: 0,
    currencyMismatches: 0,
    statusMismatches: 0,
    disputes: 0,
    ignoredRows: 0,
    reportNetByCurrency: {},
    merchantNetByCurrency: {},
  };
  const counters: Record<ReconcileIssueType, keyof ReconcileSummary> = {
    missing_in_report: 'missingInReport',
    missing_in_merchant: 'missingInMerchant',
    amount_mismatch: 'amountMismatches',
    currency_mismatch: 'currencyMismatches',
    status_mismatch: 'statusMismatches',
  };
  const issue = (i: ReconcileIssue) => {
    (summary[counters[i.type]] as number)++;
    if (issues.length < maxIssues) issues.push(i);
  };
  const net = (map: Record<string, string>, amount: Amount, sign: 1 | -1) => {
    const value = sign === 1 ? abs(amount.value) : neg(abs(amount.value));
    map[amount.currency] = addMinor(map[amount.currency] ?? '0', value);
  };

  for await (const record of merchantRecords) {
    summary.merchantRecords++;
    if (record.refundRequestId) refunds.set(record.refundRequestId, { record });
    else if (record.paymentRequestId) payments.set(record.paymentRequestId, { record });
    if (record.paymentId && record.paymentRequestId && !record.refundRequestId) {
      byPaymentId.set(record.paymentId, record.paymentRequestId);
    }
    if (settled.has(record.status)) net(summary.merchantNetByCurrency, record.amount, record.refundRequestId ? -1 : 1);
  }

  const add = (seen: Seen, row: TransactionRow) => {
    const amount = { currency: row.transactionAmount.currency, value: abs(row.transactionAmount.value) };
    if (seen.sum && seen.sum.currency === amount.currency)
      seen.sum = { currency: amount.currency, value: addMinor(seen.sum.value, amount.value) };
    else seen.sum ??= amount;
    seen.line ??= row.line;
    seen.transactionId ??= row.transactionId;
  };

  for await (const row of reportRows) {
    if (row.kind === 'settlementSummary') {
      throw new AntomReportError(
        'REPORT_NOT_RECONCILABLE',
        'a settlement summary has no per-transaction rows; reconcile the transaction details or settlement details report',
        row.line,
      );
    }
    summary.reportRows++;
    const type = row.transactionType.toUpperCase();
    const requestId = row.transactionRequestId;
    if (PAYMENT_TYPES.has(type) || type === 'REFUND') {
      const isRefund = type === 'REFUND';
      net(summary.reportNetByCurrency, row.transactionAmount, isRefund ? -1 : 1);
      const seen = requestId ? (isRefund ? refunds : payments).get(requestId) : undefined;
      if (!seen) {
        issue({
          type: 'missing_in_merchant',
          ...(isRefund ? { refundRequestId: requestId } : { paymentRequestId: requestId }),
          transactionType: type,
          transactionId: row.transactionId,
          line: row.line,
          actual: row.transactionAmount,
          message: `Antom reports ${type} ${requestId ?? row.transactionId} (${fmt(row.transactionAmount)}) that the shop has no record of`,
        });
        continue;
      }
      add(seen, row);
    } else if (CANCEL_TYPES.has(type)) {
      const seen = requestId ? payments.get(requestId) : undefined;
      if (seen) seen.cancelled = true;
      else summary.ignoredRows++;
    } else if (DISPUTE_TYPES.has(type)) {
      summary.disputes++;
      net(summary.reportNetByCurrency, row.transactionAmount, CREDIT_TYPES.has(type) ? 1 : -1);
      const adjustment: ReconcileAdjustment = {
        transactionType: type,
        transactionId: row.transactionId,
        amount: row.transactionAmount,
        line: row.line,
      };
      if (row.originalTransactionId) {
        adjustment.originalTransactionId = row.originalTransactionId;
        const paymentRequestId = byPaymentId.get(row.originalTransactionId);
        if (paymentRequestId) adjustment.paymentRequestId = paymentRequestId;
      }
      if (adjustments.length < maxIssues) adjustments.push(adjustment);
    } else {
      summary.ignoredRows++;
    }
  }

  const settle = (map: Map<string, Seen>, kind: 'payment' | 'refund') => {
    for (const [id, seen] of map) {
      const { record } = seen;
      const ids =
        kind === 'refund'
          ? { refundRequestId: id, ...(record.paymentRequestId ? { paymentRequestId: record.paymentRequestId } : {}) }
          : { paymentRequestId: id };
      const base = { ...ids, merchantStatus: record.status, ...(record.ref ? { merchantRef: record.ref } : {}) };
      const isSettled = settled.has(record.status);
      if (!seen.sum) {
        if (isSettled) {
          issue({
            type: 'missing_in_report',
            ...base,
            expected: record.amount,
            message: `the shop has ${kind} ${id} as ${record.status} (${fmt(record.amount)}) but Antom's report does not list it`,
          });
        }
        continue;
      }
      const where = { line: seen.line, transactionId: seen.transactionId };
      if (seen.cancelled && isSettled) {
        issue({
          type: 'status_mismatch',
          ...base,
          ...where,
          message: `Antom reports ${kind} ${id} cancelled or reversed; the shop has it as ${record.status}`,
        });
      } else if (!isSettled) {
        issue({
          type: 'status_mismatch',
          ...base,
          ...where,
          actual: seen.sum,
          message: `Antom reports ${kind} ${id} (${fmt(seen.sum)}); the shop still has it as ${record.status} - a missed notification?`,
        });
        continue;
      }
      if (seen.sum.currency !== record.amount.currency) {
        issue({
          type: 'currency_mismatch',
          ...base,
          ...where,
          expected: record.amount,
          actual: seen.sum,
          message: `${kind} ${id}: the shop has ${fmt(record.amount)}, Antom reports ${fmt(seen.sum)}`,
        });
      } else if (abs(record.amount.value) !== seen.sum.value) {
        issue({
          type: 'amount_mismatch',
          ...base,
          ...where,
          expected: record.amount,
          actual: seen.sum,
          message: `${kind} ${id}: the shop has ${fmt(record.amount)}, Antom reports ${fmt(seen.sum)}`,
        });
      } else if (kind === 'payment') summary.matchedPayments++;
      else summary.matchedRefunds++;
    }
  };
  settle(payments, 'payment');
  settle(refunds, 'refund');
  summary.ok =
    summary.missingInReport +
      summary.missingInMerchant +
      summary.amountMismatches +
      summary.currencyMismatches +
      summary.statusMismatches ===
    0;
  return { summary, issues, adjustments };
}

function fmt(amount: Amount): string {
  return `${amount.currency} ${amount.value}`;
}
