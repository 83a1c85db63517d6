import { AntomReportError, parseReport, reconcile, toMajorUnits } from '@antomkit/core/reports';
import { CliError, type Command, colours, EXIT_NO, EXIT_OK, out, parse } from '../io';
import { databaseSource, fileSource, type MerchantSource, SHOP_QUERY, tableQuery } from '../merchant-sources';
import { progress } from '../progress';
import { openExisting, reportError, reportOptions } from './reports-parse';

const help = `antom reports reconcile FILE (--orders F | --db [URL]) [--json] [options]

Compares Antom's transaction or settlement details report with the shop's own records: payments and captures by
paymentRequestId, refunds by refundRequestId; disputes and reversals are listed as adjustments. Prints what is
missing on either side, amount, currency and status mismatches. Exit 0 clean, 1 differences, 2 bad input.

  --orders F         the shop's export, CSV (header row) or JSON (array or { "orders": [...] }) with
                     paymentRequestId or refundRequestId, amount (minor units) + currency (or amount: { currency, value }),
                     status (PAID, SUCCESS, REFUNDED, ... count as settled), optional paymentId
  --db [URL]         read the records from PostgreSQL (default: $DATABASE_URL)
  --db-query SQL     the query to run (default: the sample shops' orders + refunds tables)
  --db-table T       or read every row of table T
  --orders-units U   minor (default) or major units in the shop's records
  --units U, --kind K  as for reports parse
  --json             machine-readable: { summary, issues, adjustments }
  --max-issues N     keep at most N issues in the output (default 10000; counts stay exact)`;

export const reportsReconcile: Command = {
  summary: "reconcile a report against the shop's records",
  help,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        orders: { type: 'string' },
        db: { type: 'boolean' },
        'db-url': { type: 'string' },
        'db-query': { type: 'string' },
        'db-table': { type: 'string' },
        'orders-units': { type: 'string' },
        units: { type: 'string' },
        kind: { type: 'string' },
        json: { type: 'boolean' },
        'max-issues': { type: 'string' },
      },
      true,
    );
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    // `--db URL` arrives as --db plus a second positional; `--db-url URL` works too.
    const [file, dbUrlArg, ...extra] = positionals;
    if (!file || extra.length > 0 || (dbUrlArg && !values.db)) throw new CliError('give one report FILE (see --help)');
    const ordersUnits = values['orders-units'];
    if (ordersUnits !== undefined && ordersUnits !== 'minor' && ordersUnits !== 'major')
      throw new CliError('--orders-units is minor or major');
    const maxIssues = Number(values['max-issues'] ?? 10_000);
    if (!Number.isInteger(maxIssues) || maxIssues < 0) throw new CliError('--max-issues is a number');
    const useDb = values.db || values['db-url'] !== undefined;
    if (useDb === (values.orders !== undefined)) throw new CliError('give either --orders FILE or --db (see --help)');

    let merchant: MerchantSource;
    if (values.orders !== undefined)
      merchant = await fileSource(io.cwd, values.orders, ordersUnits as 'minor' | 'major' | undefined);
    else {
      const url = values['db-url'] ?? dbUrlArg ?? io.env.DATABASE_URL;
      if (!url) throw new CliError('--db needs a URL or DATABASE_URL in the environment');
      const query = values['db-query'] ?? (values['db-table'] ? tableQuery(values['db-table']) : SHOP_QUERY);
      merchant = databaseSource(url, query, ordersUnits as 'minor' | 'major' | undefined);
    }
    const source = await openExisting(io.cwd, file);
    const bar = progress(io, 'reconciling');
    const rows = (async function* () {
      for await (const row of parseReport(source, reportOptions(values))) {
        bar.tick();
        yield row;
      }
    })();
    const result = await reconcile(rows, merchant, { maxIssues }).catch((error: unknown) => {
      if (error instanceof AntomReportError && error.code.startsWith('MERCHANT_'))
        throw new CliError(`orders: ${error.message}`);
      return reportError(error);
    });
    bar.done();
    if (values.json) {
      out(io, JSON.stringify(result, null, 2));
      return result.summary.ok ? EXIT_OK : EXIT_NO;
    }
    const c = colours(io.stdout, io.env);
    const s = result.summary;
    out(io, `${s.reportRows} report rows, ${s.merchantRecords} shop records`);
    out(
      io,
      `  matched: ${s.matchedPayments} payments, ${s.matchedRefunds} refunds; ${s.disputes} disputes/reversals; ${s.ignoredRows} rows need no shop record`,
    );
    const line = (n: number, label: string) => out(io, `  ${n === 0 ? c.green(String(n)) : c.red(String(n))} ${label}`);
    line(s.missingInReport, 'settled in the shop but missing from the report');
    line(s.missingInMerchant, 'in the report but unknown to the shop');
    line(s.amountMismatches, 'amount mismatches');
    line(s.currencyMismatches, 'currency mismatches');
    line(s.statusMismatches, 'status mismatches');
    for (const issue of result.issues)
      out(io, `  ${c.yellow(issue.type)}${issue.line ? ` (report line ${issue.line})` : ''}: ${issue.message}`);
    for (const a of result.adjustments) {
      out(
        io,
        `  ${c.yellow(a.transactionType)} ${a.transactionId} ${a.amount.currency} ${toMajorUnits(a.amount.value, a.amount.currency)}${a.paymentRequestId ? ` on ${a.paymentRequestId}` : a.originalTransactionId ? ` on payment ${a.originalTransactionId}` : ''}`,
      );
    }
    const nets = (m: Record<string, string>) =>
      Object.entries(m)
        .map(([ccy, v]) => `${ccy} ${toMajorUnits(v, ccy)}`)
        .join(', ') || '-';
    out(io, `  net in the report: ${nets(s.reportNetByCurrency)}; net in the shop: ${nets(s.merchantNetByCurrency)}`);
    out(io, s.ok ? c.green('reconciled: no differences') : c.red('differences found'));
    return s.ok ? EXIT_OK : EXIT_NO;
  },
};
