import { createReadStream } from 'node:fs';
import { type AmountUnit, toMinorUnits } from './amount';
import { csvRecords, type ReportSource } from './csv';
import { AntomReportError } from './errors';
import type { ReportRow, SettlementSummaryRow, TransactionRow } from './rows';
import { canonicalColumn, defaultUnit, detectReportKind, REPORT_SPECS, type ReportKind } from './specs';

export interface ParseReportOptions {
  /** Expected kind; detected from the header when omitted. A header that does not fit is an error. */
  kind?: ReportKind;
  /** Override the unit of every amount column (default: per report, see REPORT_SPECS). */
  units?: AmountUnit;
  /** Called once with the header, before the first row. */
  onHeader?: (header: { kind: ReportKind; columns: string[]; unit: AmountUnit }) => void;
}

const END = '<END>';
const AMOUNT_SUFFIX = 'AmountValue';

/** Opens a report file as a stream (64 KiB chunks); nothing is read until you iterate. */
export function openReport(path: string): ReportSource {
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

/**
 * Streams typed rows out of an Antom report (transaction details, settlement details or settlement summary):
 * header row, detail rows, then `<END>`. Memory stays flat whatever the file size. Rows are yielded as they are
 * read, so a truncated file (no `<END>`) throws only after its last row: commit what you computed only once the
 * loop has finished without an error.
 */
export async function* parseReport(source: ReportSource, options: ParseReportOptions = {}): AsyncGenerator<ReportRow> {
  let columns: string[] | undefined;
  let kind: ReportKind | undefined;
  let unit: AmountUnit = 'minor';
  let amountColumns: Array<{ name: string; value: number; currency: number }> = [];
  let ended = false;
  let lastLine = 0;

  for await (const { fields, line } of csvRecords(source)) {
    lastLine = line;
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    if (ended) throw new AntomReportError('REPORT_DATA_AFTER_END', 'data after the <END> line', line);
    if (fields[0]!.trim() === END && fields.every((f, i) => i === 0 || f.trim() === '')) {
      if (!columns) throw new AntomReportError('REPORT_NO_HEADER', 'the file ends before its header row', line);
      ended = true;
      continue;
    }
    if (!columns) {
      columns = fields.map((name) => canonicalColumn(name.trim()));
      kind = checkHeader(columns, options.kind, line);
      unit = options.units ?? defaultUnit(kind, columns);
      amountColumns = columns.flatMap((name, value) => {
        if (!name.endsWith(AMOUNT_SUFFIX)) return [];
        const currency = columns!.indexOf(`${name.slice(0, -AMOUNT_SUFFIX.length)}Currency`);
        return currency === -1 ? [] : [{ name: `${name.slice(0, -AMOUNT_SUFFIX.length)}Amount`, value, currency }];
      });
      options.onHeader?.({ kind, columns, unit });
      continue;
    }
    if (fields.length !== columns.length) {
      throw new AntomReportError(
        'REPORT_BAD_ROW',
        `expected ${columns.length} columns like the header, found ${fields.length}`,
        line,
      );
    }
    yield toRow(kind!, columns, fields, amountColumns, unit, line);
  }
  if (!columns) throw new AntomReportError('REPORT_EMPTY', 'the report is empty (no header row)', lastLine || 1);
  if (!ended) {
    throw new AntomReportError(
      'REPORT_TRUNCATED',
      'the report has no final <END> line: the file is truncated or still being written; fetch it again',
      lastLine,
    );
  }
}

function checkHeader(columns: string[], expected: ReportKind | undefined, line: number): ReportKind {
  const kind = expected ?? detectReportKind(columns);
  if (!kind) {
    throw new AntomReportError(
      'REPORT_UNKNOWN_LAYOUT',
      'the header is not a transaction details, settlement details or settlement summary report (no transactionType or summaryType column)',
      line,
    );
  }
  const missing = REPORT_SPECS[kind].required.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new AntomReportError('REPORT_MISSING_COLUMNS', `the ${kind} header lacks ${missing.join(', ')}`, line);
  }
  const dupes = columns.filter((name, i) => name !== '' && columns.indexOf(name) !== i);
  if (dupes.length > 0) throw new AntomReportError('REPORT_BAD_HEADER', `duplicate column ${dupes[0]}`, line);
  return kind;
}

function toRow(
  kind: ReportKind,
  columns: string[],
  cells: string[],
  amountColumns: Array<{ name: string; value: number; currency: number }>,
  unit: AmountUnit,
  line: number,
): ReportRow {
  const fields: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) fields[columns[i]!] = cells[i]!;
  const amounts: Record<string, { currency: string; value: string }> = {};
  for (const column of amountColumns) {
    const raw = cells[column.value]!.trim();
    if (raw === '') continue;
    const currency = cells[column.currency]!.trim();
    amounts[column.name] = { currency, value: toMinorUnits(raw, currency, unit, line, columns[column.value]) };
  }
  const text = (name: string): string | undefined => {
    const value = fields[name]?.trim();
    return value ? value : undefined;
  };
  const need = (name: string): string => {
    const value = text(name);
    if (value === undefined) throw new AntomReportError('REPORT_BAD_ROW', `${name} is empty`, line);
    return value;
  };
  const money = (name: string) => {
    const amount = amounts[name];
    if (!amount) throw new AntomReportError('REPORT_BAD_ROW', `${name}Value is empty`, line);
    return amount;
  };

  if (kind === 'settlementSummary') {
    const count = need('count');
    if (!/^\d{1,15}$/.test(count))
      throw new AntomReportError('REPORT_BAD_ROW', `count "${count.slice(0, 16)}" is not a number`, line);
    const row: SettlementSummaryRow = {
      kind,
      line,
      fields,
      amounts,
      settlementBatchId: need('settlementBatchId'),
      summaryType: need('summaryType'),
      count: Number(count),
      settlementAmount: money('settlementAmount'),
    };
    const date = text('settlementInitiatedDate');
    if (date) row.settlementInitiatedDate = date;
    return row;
  }

  const row = {
    kind,
    line,
    fields,
    amounts,
    transactionId: need('transactionId'),
    transactionType: need('transactionType'),
    transactionAmount: money('transactionAmount'),
  } as TransactionRow;
  for (const name of [
    'transactionRequestId',
    'originalTransactionId',
    'transactionTime',
    'paymentMethodType',
  ] as const) {
    const value = text(name);
    if (value) row[name] = value;
  }
  if (amounts.settlementAmount) row.settlementAmount = amounts.settlementAmount;
  if (amounts.feeAmount) row.feeAmount = amounts.feeAmount;
  if (kind === 'settlementDetails') {
    (row as ReportRow & { settlementBatchId: string }).settlementBatchId = need('settlementBatchId');
    money('settlementAmount');
  }
  return row as ReportRow;
}
