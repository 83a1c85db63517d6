import { Readable } from 'node:stream';
import { type Amount, type AmountUnit, toMajorUnits } from './amount';
import { csvField } from './csv';
import { REPORT_SPECS, type ReportKind } from './specs';

interface RowInputBase {
  /** Any other column, written as is (also used for documented columns with no typed field here). */
  extra?: Record<string, string>;
}

export interface TransactionRowInput extends RowInputBase {
  transactionId: string;
  transactionType: string;
  transactionAmount: Amount;
  transactionRequestId?: string;
  originalTransactionId?: string;
  transactionTime?: string;
  paymentMethodType?: string;
  customerId?: string;
  settlementAmount?: Amount;
  feeAmount?: Amount;
}

export interface SettlementRowInput extends TransactionRowInput {
  settlementBatchId: string;
  settlementAmount: Amount;
}

export interface SettlementSummaryRowInput extends RowInputBase {
  settlementBatchId: string;
  summaryType: string;
  count: number;
  settlementAmount: Amount;
  customerId?: string;
  settlementInitiatedDate?: string;
}

export interface ReportRowInputs {
  transactionDetails: TransactionRowInput;
  settlementDetails: SettlementRowInput;
  settlementSummary: SettlementSummaryRowInput;
}

export interface FormatReportOptions {
  /** Unit for amount columns (default: the report's, see REPORT_SPECS). */
  units?: AmountUnit;
  /** Extra column names to append after Antom's documented ones. */
  extraColumns?: string[];
}

function cells(row: object, unit: AmountUnit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined || key === 'extra') continue;
    if (typeof value === 'object' && value !== null && 'currency' in value && 'value' in value) {
      const base = key.slice(0, -'Amount'.length);
      const amount = value as Amount;
      out[`${base}AmountValue`] = unit === 'major' ? toMajorUnits(amount.value, amount.currency) : amount.value;
      out[`${base}Currency`] = amount.currency;
    } else {
      out[key] = String(value);
    }
  }
  return Object.assign(out, (row as RowInputBase).extra);
}

/** Yields a report line by line (header, rows, `<END>`), in Antom's layout; stream it to a file of any size. */
export function* reportLines<K extends ReportKind>(
  kind: K,
  rows: Iterable<ReportRowInputs[K]>,
  options: FormatReportOptions = {},
): Generator<string> {
  const spec = REPORT_SPECS[kind];
  const columns = [...spec.columns, ...(options.extraColumns ?? [])];
  const unit = options.units ?? spec.unit;
  yield `${columns.join(',')}\n`;
  for (const row of rows) {
    const values = cells(row, unit);
    yield `${columns.map((name) => csvField(values[name] ?? '')).join(',')}\n`;
  }
  yield '<END>\n';
}

/** A Readable of the report: `reportStream('transactionDetails', rows).pipe(createWriteStream(path))`. */
export function reportStream<K extends ReportKind>(
  kind: K,
  rows: Iterable<ReportRowInputs[K]>,
  options?: FormatReportOptions,
): Readable {
  return Readable.from(reportLines(kind, rows, options), { objectMode: false });
}

export function formatReport<K extends ReportKind>(
  kind: K,
  rows: Iterable<ReportRowInputs[K]>,
  options?: FormatReportOptions,
): string {
  return [...reportLines(kind, rows, options)].join('');
}

export const formatTransactionReport = (rows: Iterable<TransactionRowInput>, options?: FormatReportOptions): string =>
  formatReport('transactionDetails', rows, options);
export const formatSettlementReport = (rows: Iterable<SettlementRowInput>, options?: FormatReportOptions): string =>
  formatReport('settlementDetails', rows, options);
export const formatSettlementSummary = (
  rows: Iterable<SettlementSummaryRowInput>,
  options?: FormatReportOptions,
): string => formatReport('settlementSummary', rows, options);

/** Antom's file names: `transactionItems_20240101_000.csv`, `settlementItems_USD_<batch>_000.csv`, ... */
export function reportFileName(
  kind: ReportKind,
  parts: { date?: string; currency?: string; settlementBatchId?: string; sequence?: number },
): string {
  const seq = String(parts.sequence ?? 0).padStart(3, '0');
  const prefix = REPORT_SPECS[kind].filePrefix;
  if (kind === 'transactionDetails') return `${prefix}_${parts.date}_${seq}.csv`;
  return `${prefix}_${parts.currency}_${parts.settlementBatchId}_${seq}.csv`;
}
