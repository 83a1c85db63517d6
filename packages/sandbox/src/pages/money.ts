import type { Amount } from '../state/types';

/** Minor-unit digits per ISO-4217 currency, as ICU knows them (USD 2, JPY 0, KRW 0, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `{ USD, "1050" }` -> `USD 10.50`; `{ JPY, "1050" }` -> `JPY 1,050`. Exact for any length (no floats). */
export function formatAmount(amount: Amount): string {
  const digits = minorDigits(amount.currency);
  const negative = amount.value.startsWith('-');
  const raw = (negative ? amount.value.slice(1) : amount.value).padStart(digits + 1, '0');
  const whole = raw.slice(0, raw.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${raw.slice(raw.length - digits)}` : '';
  return `${amount.currency} ${negative ? '-' : ''}${whole}${fraction}`;
}
