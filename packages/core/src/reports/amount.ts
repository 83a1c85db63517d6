import { AntomReportError } from './errors';

/** Antom's Amount: ISO 4217 currency and an integer value in minor units, as a string (`"100"` = USD 1.00). */
export interface Amount {
  currency: string;
  value: string;
}

/** How a report column writes money: `minor` like the API (`100` = USD 1.00) or `major` (`1.00`). */
export type AmountUnit = 'minor' | 'major';

const ZERO_DECIMALS = new Set('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' '));
const THREE_DECIMALS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '));

/** ISO 4217 minor-unit digits: 0 for JPY/KRW/..., 3 for BHD/KWD/..., 2 otherwise. */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  return 2;
}

const MINOR = /^-?\d{1,18}$/;
const MAJOR = /^-?\d{1,18}(?:\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Normalises a report cell to minor units; rejects anything that is not a plain number instead of guessing. */
export function toMinorUnits(raw: string, currency: string, unit: AmountUnit, line?: number, column?: string): string {
  const where = column ? ` in ${column}` : '';
  const value = raw.trim().replace(/^\+/, '');
  if (!CURRENCY.test(currency)) {
    throw new AntomReportError(
      'REPORT_BAD_CURRENCY',
      `"${currency.slice(0, 8)}" is not an ISO 4217 code${where}`,
      line,
    );
  }
  if (unit === 'minor') {
    if (!MINOR.test(value)) {
      throw new AntomReportError(
        'REPORT_BAD_AMOUNT',
        `"${value.slice(0, 24)}"${where} is not an integer amount in minor units (if this report writes major units such as "1.00", parse it with units: 'major')`,
        line,
      );
    }
    return canonical(value);
  }
  if (!MAJOR.test(value)) {
    throw new AntomReportError('REPORT_BAD_AMOUNT', `"${value.slice(0, 24)}"${where} is not a decimal amount`, line);
  }
  const exponent = currencyExponent(currency);
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new AntomReportError(
      'REPORT_BAD_AMOUNT',
      `"${value}"${where} has more decimals than ${currency} allows (${exponent})`,
      line,
    );
  }
  const minor = whole + fraction.slice(0, exponent).padEnd(exponent, '0');
  return canonical((negative ? '-' : '') + minor);
}

/** Minor units back to a major-unit string: `("-1050", "USD")` -> `"-10.50"`. */
export function toMajorUnits(value: string, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return value;
  const negative = value.startsWith('-');
  const digits = (negative ? value.slice(1) : value).padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function canonical(value: string): string {
  const negative = value.startsWith('-');
  const digits = (negative ? value.slice(1) : value).replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/** Adds minor-unit strings exactly (BigInt), so totals never drift. */
export function addMinor(a: string, b: string): string {
  return (BigInt(a) + BigInt(b)).toString();
}
