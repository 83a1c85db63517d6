import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AntomReportError, openReport, summarizeReport, type Total, toMajorUnits } from '@antomkit/core/reports';
import { CliError, type Command, colours, EXIT_OK, out, parse } from '../io';
import { progress } from '../progress';

const help = `antom reports parse FILE [--json] [--kind K] [--units minor|major]

Streams an Antom report (transaction details, settlement details or settlement summary: header row, rows, <END>)
and prints its kind, row count and totals per currency and per transaction type. Any size: memory stays flat.
Exit 0 parsed, 2 unreadable, malformed or truncated (the line is printed).

  --json           machine-readable: { file, kind, unit, columns, totals } (amounts in minor units)
  --kind K         transactionDetails | settlementDetails | settlementSummary (default: from the header)
  --units U        how the file writes amounts: minor (100 = USD 1.00) or major (1.00); default per report`;

export async function openExisting(cwd: string, file: string) {
  const path = resolve(cwd, file);
  try {
    await access(path);
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
  return openReport(path);
}

export function reportOptions(values: { kind?: string; units?: string }) {
  const kinds = ['transactionDetails', 'settlementDetails', 'settlementSummary'] as const;
  if (values.kind !== undefined && !kinds.includes(values.kind as never))
    throw new CliError(`--kind is one of ${kinds.join(', ')}`);
  if (values.units !== undefined && values.units !== 'minor' && values.units !== 'major')
    throw new CliError('--units is minor or major');
  return {
    ...(values.kind ? { kind: values.kind as (typeof kinds)[number] } : {}),
    ...(values.units ? { units: values.units as 'minor' | 'major' } : {}),
  };
}

export function reportError(error: unknown): never {
  if (error instanceof AntomReportError) throw new CliError(`report: ${error.message} [${error.code}]`);
  throw error;
}

const money = (currency: string, total: Total) =>
  `${currency} ${toMajorUnits(total.value, currency)} (${total.count} rows, ${total.value} minor)`;

export const reportsParse: Command = {
  summary: 'parse a report: rows, totals per currency and type',
  help,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, kind: { type: 'string' }, units: { type: 'string' } },
      true,
    );
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new CliError('give one report FILE (see --help)');
    const file = positionals[0]!;
    const source = await openExisting(io.cwd, file);
    let header: { kind: string; columns: string[]; unit: string } | undefined;
    const bar = progress(io, 'parsing');
    const totals = await summarizeReport(source, {
      ...reportOptions(values),
      onHeader: (h) => {
        header = h;
      },
      onRow: () => bar.tick(),
    }).catch(reportError);
    bar.done();
    if (values.json) {
      out(
        io,
        JSON.stringify({ file, kind: totals.kind, unit: header?.unit, columns: header?.columns, totals }, null, 2),
      );
      return EXIT_OK;
    }
    const c = colours(io.stdout, io.env);
    out(io, `${c.bold(file)}: ${totals.kind}, ${totals.rows} rows, amounts read as ${header?.unit} units`);
    out(io, 'Total per currency:');
    for (const [currency, total] of Object.entries(totals.byCurrency)) out(io, `  ${money(currency, total)}`);
    out(io, totals.kind === 'settlementSummary' ? 'Per summaryType:' : 'Per transactionType:');
    for (const [type, perCurrency] of Object.entries(totals.byTransactionType)) {
      for (const [currency, total] of Object.entries(perCurrency))
        out(io, `  ${type.padEnd(18)} ${money(currency, total)}`);
    }
    if (totals.kind !== 'settlementSummary' && Object.keys(totals.settlementByCurrency).length > 0) {
      out(io, 'Settlement amounts:');
      for (const [currency, total] of Object.entries(totals.settlementByCurrency))
        out(io, `  ${money(currency, total)}`);
    }
    if (Object.keys(totals.feeByCurrency).length > 0) {
      out(io, 'Fees:');
      for (const [currency, total] of Object.entries(totals.feeByCurrency)) out(io, `  ${money(currency, total)}`);
    }
    return EXIT_OK;
  },
};
