export { type Amount, type AmountUnit, addMinor, currencyExponent, toMajorUnits, toMinorUnits } from './amount';
export { type CsvRecord, csvField, csvRecords, type ReportSource } from './csv';
export { AntomReportError } from './errors';
export {
  type MerchantRecord,
  merchantRecordsFromCsv,
  merchantRecordsFromJson,
  SETTLED_STATUSES,
  toMerchantRecord,
} from './merchant';
export { openReport, type ParseReportOptions, parseReport } from './parse';
export {
  type ReconcileAdjustment,
  type ReconcileIssue,
  type ReconcileIssueType,
  type ReconcileOptions,
  type ReconcileResult,
  type ReconcileSummary,
  reconcile,
} from './reconcile';
export type {
  ReportRow,
  ReportRowBase,
  SettlementDetailsRow,
  SettlementSummaryRow,
  TransactionDetailsRow,
  TransactionRow,
} from './rows';
export { canonicalColumn, detectReportKind, REPORT_SPECS, type ReportKind, type ReportSpec } from './specs';
export { ReportTotalizer, type ReportTotals, summarizeReport, type Total } from './totals';
export {
  type FormatReportOptions,
  formatReport,
  formatSettlementReport,
  formatSettlementSummary,
  formatTransactionReport,
  type ReportRowInputs,
  reportFileName,
  reportLines,
  reportStream,
  type SettlementRowInput,
  type SettlementSummaryRowInput,
  type TransactionRowInput,
} from './write';
