import { GatewayError } from './result';

/** Antom's sandbox test cards (reference §8); any CVC, zip or expiry except the invalid-data values. */
export const SUCCESS_CARDS = new Set([
  '4054695723100768',
  '5162774114974622',
  '4294097400915107',
  '4006055482525268',
  '4600729331819383',
  '4310377720003234',
  '9490220011669217',
]);
export const FAILURE_CARDS = new Set(['4054692760174822', '5162770472561357']);

export type CardOutcome = 'SUCCESS' | 'FAIL';

export function cardOutcome(meta: Record<string, unknown>): CardOutcome {
  const field = 'paymentMethod.paymentMethodMetaData';
  const cardNo = String(meta.cardNo ?? '').replace(/\s+/g, '');
  const month = meta.expiryMonth === undefined ? undefined : String(meta.expiryMonth);
  const cvv = meta.cvv === undefined ? undefined : String(meta.cvv);
  if (month !== undefined && !/^(0?[1-9]|1[0-2])$/.test(month)) {
    throw new GatewayError('PARAM_ILLEGAL', `${field}.expiryMonth must be 01-12.`);
  }
  if (cvv !== undefined && !/^[0-9]{3,4}$/.test(cvv)) {
    throw new GatewayError('PARAM_ILLEGAL', `${field}.cvv must be 3 or 4 digits.`);
  }
  if (SUCCESS_CARDS.has(cardNo)) return 'SUCCESS';
  if (FAILURE_CARDS.has(cardNo)) return 'FAIL';
  throw new GatewayError('PARAM_ILLEGAL', `${field}.cardNo is not one of the sandbox test cards.`);
}
