import { type Amount, type AmountUnit, toMinorUnits } from './amount';
import { csvRecords, type ReportSource } from './csv';
import { AntomReportError } from './errors';

/** One payment or refund as the shop recorded it. A record has a paymentRequestId, a refundRequestId, or both. */
export interface MerchantRecord {
  paymentRequestId?: string;
  /** Set for a refund; then paymentRequestId (if any) names the refunded payment. */
  refundRequestId?: string;
  /** Antom's paymentId, if the shop stored it: lets disputes (which carry no request id) be matched. */
  paymentId?: string;
  amount: Amount;
  /** The shop's status: PAID, SUCCESS, REFUNDED, PENDING, FAILED, ... (see SETTLED_STATUSES). */
  status: string;
  /** Where the record came from, for messages: a line number or a row index. */
  ref?: string;
}

/** Statuses that mean "money moved", so the record must appear in Antom's report. */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set([
  'PAID',
  'SUCCESS',
  'SUCCEEDED',
  'S',
  'CAPTURED',
  'COMPLETED',
  'SETTLED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
]);

function pick(obj: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = obj[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return undefined;
}

/**
 * Turns one exported row or object into a MerchantRecord. Accepts `amount` as `{ currency, value }` or flat
 * columns (`amount`/`amountValue`/`value` + `currency`), snake_case names, and a `type` of REFUND for exports that
 * put refunds and payments in one table with a single `requestId` column.
 */
export function toMerchantRecord(
  input: Record<string, unknown>,
  options: { units?: AmountUnit; ref?: string } = {},
): MerchantRecord {
  const where = options.ref ? ` (${options.ref})` : '';
  const nested =
    typeof input.amount === 'object' && input.amount !== null ? (input.amount as Record<string, unknown>) : undefined;
  const currency = (
    nested ? pick(nested, 'currency') : pick(input, 'currency', 'amountCurrency', 'amount_currency')
  )?.toUpperCase();
  const rawValue = nested ? pick(nested, 'value') : pick(input, 'amountValue', 'amount_value', 'amount', 'value');
  if (!currency || rawValue === undefined) {
    throw new AntomReportError('MERCHANT_RECORD_INVALID', `a merchant record has no amount and currency${where}`);
  }
  let value: string;
  try {
    value = toMinorUnits(rawValue, currency, options.units ?? 'minor', undefined, 'amount');
  } catch (error) {
    throw new AntomReportError('MERCHANT_BAD_AMOUNT', `${(error as Error).message}${where}`, undefined, {
      cause: error,
    });
  }
  const record: MerchantRecord = {
    amount: { currency, value },
    status: (pick(input, 'status', 'resultStatus', 'state') ?? 'PAID').toUpperCase(),
  };
  let paymentRequestId = pick(input, 'paymentRequestId', 'payment_request_id');
  let refundRequestId = pick(input, 'refundRequestId', 'refund_request_id');
  const requestId = pick(input, 'requestId', 'request_id', 'transactionRequestId');
  if (requestId && !paymentRequestId && !refundRequestId) {
    if (pick(input, 'type', 'transactionType')?.toUpperCase() === 'REFUND') refundRequestId = requestId;
    else paymentRequestId = requestId;
  }
  if (!paymentRequestId && !refundRequestId) {
    throw new AntomReportError(
      'MERCHANT_RECORD_INVALID',
      `a merchant record has neither paymentRequestId nor refundRequestId${where}`,
    );
  }
  if (paymentRequestId) record.paymentRequestId = paymentRequestId;
  if (refundRequestId) record.refundRequestId = refundRequestId;
  const paymentId = pick(input, 'paymentId', 'payment_id');
  if (paymentId) record.paymentId = paymentId;
  if (options.ref) record.ref = options.ref;
  return record;
}

/** Streams MerchantRecords out of a CSV export with a header row (an `<END>` line, if present, is ignored). */
export async function* merchantRecordsFromCsv(
  source: ReportSource,
  options: { units?: AmountUnit } = {},
): AsyncGenerator<MerchantRecord> {
  let header: string[] | undefined;
  for await (const { fields, line } of csvRecords(source)) {
    if (fields.length === 1 && (fields[0]!.trim() === '' || fields[0]!.trim() === '<END>')) continue;
    if (!header) {
      header = fields.map((f) => f.trim());
      continue;
    }
    if (fields.length !== header.length) {
      throw new AntomReportError(
        'MERCHANT_RECORD_INVALID',
        `expected ${header.length} columns, found ${fields.length}`,
        line,
      );
    }
    const obj: Record<string, unknown> = Object.create(null);
    header.forEach((name, i) => {
      obj[name] = fields[i];
    });
    try {
      yield toMerchantRecord(obj, { ...options, ref: `line ${line}` });
    } catch (error) {
      if (error instanceof AntomReportError && error.line === undefined) {
        throw new AntomReportError(error.code, error.message.replace(/ \(line \d+\)$/, ''), line, { cause: error });
      }
      throw error;
    }
  }
}

/** MerchantRecords from a JSON export: an array, or `{ orders: [...] }` / `{ records: [...] }`. */
export function merchantRecordsFromJson(parsed: unknown, options: { units?: AmountUnit } = {}): MerchantRecord[] {
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null
      ? ((parsed as Record<string, unknown>).orders ?? (parsed as Record<string, unknown>).records)
      : undefined;
  if (!Array.isArray(list)) {
    throw new AntomReportError(
      'MERCHANT_RECORD_INVALID',
      'the JSON export must be an array of records or { "orders": [...] }',
    );
  }
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null) {
      throw new AntomReportError('MERCHANT_RECORD_INVALID', `record #${i + 1} is not an object`);
    }
    return toMerchantRecord(item as Record<string, unknown>, { ...options, ref: `record #${i + 1}` });
  });
}
