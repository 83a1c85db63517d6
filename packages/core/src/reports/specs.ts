import type { AmountUnit } from './amount';

export type ReportKind = 'transactionDetails' | 'settlementDetails' | 'settlementSummary';

export interface ReportSpec {
  kind: ReportKind;
  /** Antom's file name prefix: `transactionItems_<date>_000.csv`, `settlementItems_...`, `settlementSummary_...`. */
  filePrefix: string;
  /** Columns a file must have for the parser to trust it. */
  required: readonly string[];
  /** Column order the writer uses (Antom's documented order; extra columns go after). */
  columns: readonly string[];
  /** Unit of every `<x>AmountValue` column in this report. */
  unit: AmountUnit;
}

/**
 * Column names from Antom's reconciliation docs (docs.antom.com/ac/reconcile/{transaction_details,
 * settlement_details,settlement_summary}); older files say `acquirer`/`acquirerReferenceNo` where newer ones say
 * `PSP`/`ARN`. Every `<x>AmountValue` column is money and pairs with `<x>Currency`. The docs describe these values
 * as amounts in the currency's unit and the API uses minor units, so minor is the default here [?]; the
 * marketplace settlement summary documents major units (`1.00`), so it is parsed as major.
 */
const DETAIL_COLUMNS = [
  'customerId',
  'PSP',
  'ARN',
  'referenceMerchantId',
  'referenceStoreId',
  'transactionId',
  'originalTransactionId',
  'transactionRequestId',
  'referenceTransactionId',
  'paymentMethodType',
  'transactionType',
  'transactionTime',
  'transactionAmountValue',
  'transactionCurrency',
  'settlementAmountValue',
  'settlementCurrency',
  'quoteCurrencyPair',
  'quotePrice',
  'feeAmountValue',
  'feeCurrency',
  'taxFeeAmountValue',
  'taxFeeCurrency',
] as const;

export const REPORT_SPECS: Record<ReportKind, ReportSpec> = {
  transactionDetails: {
    kind: 'transactionDetails',
    filePrefix: 'transactionItems',
    required: [
      'transactionId',
      'transactionRequestId',
      'transactionType',
      'transactionAmountValue',
      'transactionCurrency',
    ],
    columns: DETAIL_COLUMNS,
    unit: 'minor',
  },
  settlementDetails: {
    kind: 'settlementDetails',
    filePrefix: 'settlementItems',
    required: [
      'settlementBatchId',
      'transactionId',
      'transactionRequestId',
      'transactionType',
      'transactionAmountValue',
      'transactionCurrency',
      'settlementAmountValue',
      'settlementCurrency',
    ],
    columns: ['settlementBatchId', ...DETAIL_COLUMNS],
    unit: 'minor',
  },
  settlementSummary: {
    kind: 'settlementSummary',
    filePrefix: 'settlementSummary',
    required: ['settlementBatchId', 'summaryType', 'count', 'settlementAmountValue', 'settlementCurrency'],
    columns: [
      'settlementBatchId',
      'customerId',
      'PSP',
      'summaryType',
      'settlementInitiatedDate',
      'count',
      'settlementAmountValue',
      'settlementCurrency',
    ],
    unit: 'minor',
  },
};

const ALIASES: Record<string, string> = { acquirer: 'PSP', acquirerReferenceNo: 'ARN' };

/** Maps old column names to current ones so rows look the same whichever version of the file you have. */
export function canonicalColumn(name: string): string {
  return ALIASES[name] ?? name;
}

/** Picks the report kind from its header; undefined when the header matches none. */
export function detectReportKind(columns: readonly string[]): ReportKind | undefined {
  const set = new Set(columns);
  if (set.has('summaryType')) return 'settlementSummary';
  if (set.has('settlementBatchId') && set.has('transactionType')) return 'settlementDetails';
  if (set.has('transactionType')) return 'transactionDetails';
  return undefined;
}

/** A marketplace file names the merchant `merchantId` instead of `customerId`; its summary uses major units. */
export function defaultUnit(kind: ReportKind, columns: readonly string[]): AmountUnit {
  const marketplace = columns.includes('merchantId') && !columns.includes('customerId');
  return kind === 'settlementSummary' && marketplace ? 'major' : REPORT_SPECS[kind].unit;
}
