import type { Amount } from './amount';
import type { ReportKind } from './specs';

/** What every parsed row has: its line, every raw column (none is dropped) and every money column as an Amount. */
export interface ReportRowBase {
  kind: ReportKind;
  /** 1-based line in the file. */
  line: number;
  /** Raw cells by column name (old names like `acquirer` are renamed to `PSP`). */
  fields: Record<string, string>;
  /** Every non-empty `<x>AmountValue` column as `{ currency, value }` in minor units, keyed `<x>Amount`. */
  amounts: Record<string, Amount>;
}

/** A transaction as the transaction details and settlement details reports list it. */
export interface TransactionRow extends ReportRowBase {
  kind: 'transactionDetails' | 'settlementDetails';
  transactionId: string;
  /** paymentRequestId for payments and captures, refundRequestId for refunds; empty for disputes. */
  transactionRequestId?: string;
  /** For refunds, captures and disputes: the paymentId of the original payment. */
  originalTransactionId?: string;
  /** PAYMENT, AUTHORIZATION, CANCEL, CAPTURE, REFUND, DISPUTE, DISPUTE_REVERSAL, REFUND_REVERSAL, ... */
  transactionType: string;
  transactionTime?: string;
  paymentMethodType?: string;
  transactionAmount: Amount;
  settlementAmount?: Amount;
  feeAmount?: Amount;
}

export interface TransactionDetailsRow extends TransactionRow {
  kind: 'transactionDetails';
}

export interface SettlementDetailsRow extends TransactionRow {
  kind: 'settlementDetails';
  settlementBatchId: string;
  settlementAmount: Amount;
}

export interface SettlementSummaryRow extends ReportRowBase {
  kind: 'settlementSummary';
  settlementBatchId: string;
  /** PAYMENT, CAPTURE, REFUND, CANCEL, DISPUTE, AUTHORIZATION, ADJUSTMENT_FEE, ... */
  summaryType: string;
  settlementInitiatedDate?: string;
  count: number;
  settlementAmount: Amount;
}

export type ReportRow = TransactionDetailsRow | SettlementDetailsRow | SettlementSummaryRow;
