import { type Amount, addMinor } from './amount';
import type { ReportSource } from './csv';
import { type ParseReportOptions, parseReport } from './parse';
import type { ReportRow } from './rows';
import type { ReportKind } from './specs';

export interface Total {
  count: number;
  /** Sum in minor units (exact; BigInt inside). */
  value: string;
}

export interface ReportTotals {
  kind: ReportKind;
  rows: number;
  /** Transaction amounts per transaction currency (settlement amounts for a summary report). */
  byCurrency: Record<string, Total>;
  /** transactionType (summaryType for a summary) -> currency -> total. */
  byTransactionType: Record<string, Record<string, Total>>;
  /** Settlement amounts per settlement currency, when the report has them. */
  settlementByCurrency: Record<string, Total>;
  /** Fees per fee currency, when the report has them. */
  feeByCurrency: Record<string, Total>;
}

function bump(map: Record<string, Total>, amount: Amount, count = 1): void {
  map[amount.currency] ??= { count: 0, value: '0' };
  const total = map[amount.currency]!;
  total.count += count;
  total.value = addMinor(total.value, amount.value);
}

function group(t: ReportTotals, type: string): Record<string, Total> {
  t.byTransactionType[type] ??= Object.create(null);
  return t.byTransactionType[type]!;
}

/** Accumulates totals row by row; keeps no rows. */
export class ReportTotalizer {
  private totals: ReportTotals;

  constructor(kind: ReportKind) {
    this.totals = {
      kind,
      rows: 0,
      byCurrency: Object.create(null),
      byTransactionType: Object.create(null),
      settlementByCurrency: Object.create(null),
      feeByCurrency: Object.create(null),
    };
  }

  add(row: ReportRow): void {
    const t = this.totals;
    t.rows++;
    if (row.kind === 'settlementSummary') {
      bump(t.byCurrency, row.settlementAmount, row.count);
      bump(group(t, row.summaryType), row.settlementAmount, row.count);
      bump(t.settlementByCurrency, row.settlementAmount, row.count);
      return;
    }
    bump(t.byCurrency, row.transactionAmount);
    bump(group(t, row.transactionType), row.transactionAmount);
    if (row.settlementAmount) bump(t.settlementByCurrency, row.settlementAmount);
    if (row.feeAmount) bump(t.feeByCurrency, row.feeAmount);
  }

  result(): ReportTotals {
    return this.totals;
  }
}

/** Streams a whole report and returns its totals; `onRow` sees each row once (keep what you need, not all). */
export async function summarizeReport(
  source: ReportSource,
  options: ParseReportOptions & { onRow?: (row: ReportRow) => void } = {},
): Promise<ReportTotals> {
  let totalizer: ReportTotalizer | undefined;
  const onHeader = options.onHeader;
  for await (const row of parseReport(source, {
    ...options,
    onHeader: (header) => {
      totalizer = new ReportTotalizer(header.kind);
      onHeader?.(header);
    },
  })) {
    totalizer!.add(row);
    options.onRow?.(row);
  }
  return totalizer!.result();
}
