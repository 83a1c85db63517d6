import { registrationResult } from '../state/notifications';
import { newId } from '../state/store';
import type { SubMerchant, Transfer } from '../state/types';
import { antomTime } from '../time';
import type { Handler } from './context';
import {
  assertSameRequest,
  fingerprint,
  optionalUrl,
  requireAmount,
  requireObject,
  requireRequestId,
  requireString,
} from './fields';
import { type ApiBody, GatewayError, success } from './result';

export const register: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const registrationRequestId = requireRequestId(body, 'registrationRequestId');
  requireObject(body, 'merchantInfo');
  const referenceMerchantId = requireString(body, 'merchantInfo.referenceMerchantId', 64);
  const fp = fingerprint(referenceMerchantId);
  const existing = rt.store.registrationsByRequestId.get(owner, registrationRequestId);
  if (existing) {
    assertSameRequest(existing.fingerprint, fp, 'registrationRequestId');
    return existing.response as ApiBody;
  }
  if (rt.store.subMerchants.get(owner, referenceMerchantId)) {
    throw new GatewayError('PARAM_ILLEGAL', 'merchantInfo.referenceMerchantId is already registered.');
  }
  const settlementInfos = Array.isArray(body.settlementInfos) ? body.settlementInfos : [];
  const sub: SubMerchant = {
    owner,
    referenceMerchantId,
    registrationRequestId,
    registrationStatus: 'SUCCESSFUL',
    settlementInfos,
    createdAt: antomTime(),
    fingerprint: fp,
    response: success({ registrationStatus: 'PROCESSING' }),
  };
  rt.store.addSubMerchant(sub);
  const url = optionalUrl(body, 'registrationNotifyURL') ?? rt.merchantNotifyUrl(owner);
  if (url) rt.notifier.send({ type: 'REGISTRATION_RESULT', owner, url, payload: registrationResult(sub) });
  return sub.response as ApiBody;
};

export const settlementInfoUpdate: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  requireRequestId(body, 'updateRequestId');
  const referenceMerchantId = requireString(body, 'referenceMerchantId', 64);
  requireString(body, 'settlementCurrency', 3);
  requireObject(body, 'settlementBankAccount');
  const sub = rt.store.subMerchants.get(owner, referenceMerchantId);
  if (!sub) throw new GatewayError('PARAM_ILLEGAL', 'referenceMerchantId is not a registered sub-merchant.');
  sub.settlementInfos = [
    { settlementCurrency: body.settlementCurrency, settlementBankAccount: body.settlementBankAccount },
  ];
  return success({ updateStatus: 'PROCESSING' });
};

export const settle: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const settlementRequestId = requireRequestId(body, 'settlementRequestId');
  const paymentId = requireString(body, 'paymentId', 64);
  const raw = body.settlementDetails;
  if (!Array.isArray(raw) || raw.length === 0)
    throw new GatewayError('PARAM_ILLEGAL', 'settlementDetails is required.');
  const details = raw.map((_, i) => {
    const field = `settlementDetails.${i}`;
    const settleTo = requireString(body, `${field}.settleTo`, 16);
    if (settleTo !== 'SELLER' && settleTo !== 'MARKETPLACE') {
      throw new GatewayError('PARAM_ILLEGAL', `${field}.settleTo must be SELLER or MARKETPLACE.`);
    }
    return { settleTo, settlementAmount: requireAmount(body, `${field}.settlementAmount`) };
  });
  const fp = fingerprint(paymentId, JSON.stringify(details));
  const existing = rt.store.settlementsByRequestId.get(owner, settlementRequestId);
  if (existing) {
    assertSameRequest(existing.fingerprint, fp, 'settlementRequestId');
    return existing.response as ApiBody;
  }
  const p = rt.store.findPayment(owner, { paymentId });
  if (!p) throw new GatewayError('ORDER_NOT_EXIST', 'No payment matches this paymentId.');
  if (p.status !== 'SUCCESS') throw new GatewayError('ORDER_STATUS_INVALID', `The payment is ${p.status}.`);
  let total = 0n;
  for (const d of details) {
    if (d.settlementAmount.currency !== p.paymentAmount.currency) {
      throw new GatewayError('CURRENCY_NOT_SUPPORT', `settlementAmount.currency must be ${p.paymentAmount.currency}.`);
    }
    total += BigInt(d.settlementAmount.value);
  }
  if (total > p.captured - p.refunded - p.settled) {
    throw new GatewayError('SETTLE_AMOUNT_EXCEED', 'The settlement exceeds what is left to settle on this payment.');
  }
  const s = rt.settle(p, settlementRequestId, details, fp);
  s.response = success({ settlementRequestId, settlementId: s.settlementId });
  return s.response as ApiBody;
};

export const inquireBalance: Handler = (ctx) => {
  const { owner, rt } = ctx;
  const totals = new Map<string, { available: bigint; frozen: bigint }>();
  const add = (currency: string, available: bigint) => {
    const t = totals.get(currency) ?? { available: 0n, frozen: 0n };
    t.available += available;
    totals.set(currency, t);
  };
  for (const p of rt.store.payments.values()) {
    if (p.owner === owner && p.status === 'SUCCESS') add(p.paymentAmount.currency, p.captured - p.refunded);
  }
  for (const t of rt.store.transfers.values()) if (t.owner === owner) add(t.amount.currency, -BigInt(t.amount.value));
  return success({
    accountBalances: [...totals].map(([currency, t]) => ({
      currency,
      availableBalance: { currency, value: String(t.available) },
      frozenBalance: { currency, value: String(t.frozen) },
      totalBalance: { currency, value: String(t.available + t.frozen) },
    })),
  });
};

function transfer(kind: Transfer['kind']): Handler {
  return (ctx) => {
    const { body, owner, rt } = ctx;
    const transferRequestId = requireRequestId(body, 'transferRequestId');
    requireObject(body, 'transferFromDetail');
    const amount = requireAmount(body, 'transferFromDetail.transferFromAmount');
    requireObject(body, 'transferToDetail');
    const fp = fingerprint(amount.currency, amount.value);
    const existing = rt.store.transfersByRequestId.get(owner, transferRequestId);
    if (existing) {
      assertSameRequest(existing.fingerprint, fp, 'transferRequestId');
      return existing.response as ApiBody;
    }
    const t: Transfer = {
      owner,
      transferId: newId('2026'),
      transferRequestId,
      kind,
      amount,
      createdAt: antomTime(),
      fingerprint: fp,
      response: {},
    };
    t.response = success({ transferRequestId, transferId: t.transferId });
    rt.store.addTransfer(t);
    return t.response as ApiBody;
  };
}

export const createPayout = transfer('PAYOUT');
export const createTransfer = transfer('TRANSFER');
