import { DELAYS } from '../runtime';
import { registrationResult, settlementInfoUpdateResult } from '../state/notifications';
import { MARKETPLACE_ACCOUNT, newId, sellerAccount } from '../state/store';
import type { SubMerchant, Transfer } from '../state/types';
import { antomTime } from '../time';
import type { Handler, HandlerContext } from './context';
import {
  assertSameRequest,
  earlierAnswer,
  fingerprint,
  optionalString,
  optionalUrl,
  requireAmount,
  requireObject,
  requireRequestId,
  requireString,
} from './fields';
import { paymentById } from './payments';
import { type ApiBody, GatewayError, success } from './result';

type Json = Record<string, unknown>;
type Reason = Pick<SubMerchant, 'reasonCode' | 'reasonMessage'>;

/** Sandbox test values for `merchantInfo.loginId` (documented in the README). */
export const REGISTRATION_TEST_LOGINS = {
  REJECT_FOR_RISK: '@risk.example',
  REGISTRATION_FAILED: '@fail.example',
} as const;

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** What Antom's review would find: missing legal entity fields, then the test values. */
function review(body: Json): Reason | undefined {
  const info = body.merchantInfo as Json;
  const missing: string[] = [];
  const loginId = text(info.loginId);
  if (!loginId) missing.push('merchantInfo.loginId');
  const type = text(info.legalEntityType);
  if (type !== 'COMPANY' && type !== 'INDIVIDUAL') missing.push('merchantInfo.legalEntityType (COMPANY or INDIVIDUAL)');
  const company = (info.company ?? {}) as Json;
  if (type === 'COMPANY' && !text(company.legalName)) missing.push('merchantInfo.company.legalName');
  const individual = (info.individual ?? {}) as Json;
  const name = (individual.name ?? {}) as Json;
  if (type === 'INDIVIDUAL' && !text(name.fullName) && !text(name.firstName)) {
    missing.push('merchantInfo.individual.name');
  }
  const infos = Array.isArray(body.settlementInfos) ? (body.settlementInfos as Json[]) : [];
  if (infos.length === 0) missing.push('settlementInfos');
  infos.forEach((s, i) => {
    const account = (s?.settlementBankAccount ?? {}) as Json;
    if (!text(s?.settlementCurrency)) missing.push(`settlementInfos.${i}.settlementCurrency`);
    if (!text(account.bankAccountNo)) missing.push(`settlementInfos.${i}.settlementBankAccount.bankAccountNo`);
    if (!text(account.accountHolderName)) missing.push(`settlementInfos.${i}.settlementBankAccount.accountHolderName`);
  });
  if (missing.length > 0) {
    return { reasonCode: 'MISSING_OR_INCORRECT_INFO', reasonMessage: `Missing or incorrect: ${missing.join(', ')}.` };
  }
  if (loginId?.endsWith(REGISTRATION_TEST_LOGINS.REJECT_FOR_RISK)) {
    return {
      reasonCode: 'REJECT_FOR_RISK',
      reasonMessage: 'The seller was rejected by risk review (sandbox test value).',
    };
  }
  if (loginId?.endsWith(REGISTRATION_TEST_LOGINS.REGISTRATION_FAILED)) {
    return { reasonCode: 'REGISTRATION_FAILED', reasonMessage: 'The registration failed (sandbox test value).' };
  }
  return undefined;
}

export const register: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const registrationRequestId = requireRequestId(body, 'registrationRequestId');
  requireObject(body, 'merchantInfo');
  const referenceMerchantId = requireString(body, 'merchantInfo.referenceMerchantId', 64);
  const fp = fingerprint(referenceMerchantId);
  const earlier = earlierAnswer(
    rt.store.registrationsByRequestId.get(owner, registrationRequestId),
    fp,
    'registrationRequestId',
  );
  if (earlier) return earlier;
  const previous = rt.store.subMerchants.get(owner, referenceMerchantId);
  if (previous && previous.registrationStatus !== 'FAILED') {
    throw new GatewayError(
      'PARAM_ILLEGAL',
      `merchantInfo.referenceMerchantId is already registered (${previous.registrationStatus}).`,
    );
  }
  const sub: SubMerchant = {
    owner,
    referenceMerchantId,
    registrationRequestId,
    registrationStatus: 'PROCESSING',
    settlementInfos: Array.isArray(body.settlementInfos) ? body.settlementInfos : [],
    updates: new Map(),
    createdAt: antomTime(),
    fingerprint: fp,
    response: success({ registrationStatus: 'PROCESSING' }),
  };
  rt.store.addSubMerchant(sub);
  const outcome = review(body);
  const url = optionalUrl(body, 'registrationNotifyURL') ?? rt.merchantNotifyUrl(owner);
  rt.later(DELAYS.review, () => {
    sub.registrationStatus = outcome ? 'FAILED' : 'SUCCESSFUL';
    Object.assign(sub, outcome);
    if (url) rt.notifier.send({ type: 'REGISTRATION_RESULT', owner, url, payload: registrationResult(sub) });
  });
  return sub.response as ApiBody;
};

function seller(ctx: HandlerContext, field = 'referenceMerchantId'): SubMerchant {
  const referenceMerchantId = requireString(ctx.body, field, 64);
  const sub = ctx.rt.store.subMerchants.get(ctx.owner, referenceMerchantId);
  if (sub?.registrationStatus !== 'SUCCESSFUL') {
    throw new GatewayError(
      'PARAM_ILLEGAL',
      `${field} ${referenceMerchantId} is not a successfully registered seller (${sub?.registrationStatus ?? 'never registered'}).`,
    );
  }
  return sub;
}

export const settlementInfoUpdate: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const updateRequestId = requireRequestId(body, 'updateRequestId');
  const sub = seller(ctx);
  const settlementCurrency = requireString(body, 'settlementCurrency', 3);
  const account = requireObject(body, 'settlementBankAccount');
  const fp = fingerprint(settlementCurrency, JSON.stringify(account));
  const previous = sub.updates.get(updateRequestId);
  if (previous) {
    assertSameRequest(previous.fingerprint, fp, 'updateRequestId');
    return success({ updateStatus: 'PROCESSING' });
  }
  const update = { fingerprint: fp, status: 'PROCESSING' as const } as {
    fingerprint: string;
    status: 'PROCESSING' | 'SUCCESSFUL' | 'FAILED';
  };
  sub.updates.set(updateRequestId, update);
  const missing = ['bankAccountNo', 'accountHolderName'].filter((f) => !text(account[f]));
  rt.later(DELAYS.review, () => {
    update.status = missing.length ? 'FAILED' : 'SUCCESSFUL';
    if (!missing.length) sub.settlementInfos = [{ settlementCurrency, settlementBankAccount: account }];
    const url = rt.merchantNotifyUrl(owner);
    if (!url) return;
    const reason = missing.length
      ? {
          reasonCode: 'MISSING_OR_INCORRECT_INFO',
          reasonMessage: `Missing: ${missing.map((f) => `settlementBankAccount.${f}`).join(', ')}.`,
        }
      : undefined;
    rt.notifier.send({
      type: 'SETTLEMENT_INFO_UPDATE_RESULT',
      owner,
      url,
      payload: settlementInfoUpdateResult(sub, updateRequestId, update.status, reason),
    });
  });
  return success({ updateStatus: 'PROCESSING' });
};

export const settle: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const settlementRequestId = requireRequestId(body, 'settlementRequestId');
  const paymentId = requireString(body, 'paymentId', 64);
  const raw = body.settlementDetails;
  if (!Array.isArray(raw) || raw.length === 0)
    throw new GatewayError('PARAM_ILLEGAL', 'settlementDetails is required.');
  if (raw.length > 20) throw new GatewayError('PARAM_ILLEGAL', 'settlementDetails has at most 20 entries.');
  const details = raw.map((_, i) => {
    const field = `settlementDetails.${i}`;
    const settleTo = requireString(body, `${field}.settleTo`, 16);
    if (settleTo !== 'SELLER' && settleTo !== 'MARKETPLACE') {
      throw new GatewayError('PARAM_ILLEGAL', `${field}.settleTo must be SELLER or MARKETPLACE.`);
    }
    return { settleTo, settlementAmount: requireAmount(body, `${field}.settlementAmount`) };
  });
  const fp = fingerprint(paymentId, JSON.stringify(details));
  const earlier = earlierAnswer(
    rt.store.settlementsByRequestId.get(owner, settlementRequestId),
    fp,
    'settlementRequestId',
  );
  if (earlier) return earlier;
  const p = paymentById(ctx, paymentId);
  if (p.status !== 'SUCCESS') throw new GatewayError('ORDER_STATUS_INVALID', `The payment is ${p.status}.`);
  if (p.earliestSettlementAt !== undefined && Date.now() < p.earliestSettlementAt) {
    throw new GatewayError(
      'ORDER_STATUS_INVALID',
      `The payment can be settled from its earliestSettlementTime ${rt.earliestSettlementTime(p)}, not before.`,
    );
  }
  let total = 0n;
  for (const d of details) {
    if (d.settleTo === 'SELLER' && !p.referenceMerchantId) {
      throw new GatewayError(
        'PARAM_ILLEGAL',
        'settleTo SELLER needs a payment made for a seller (order.merchant.referenceMerchantId).',
      );
    }
    if (d.settlementAmount.currency !== p.paymentAmount.currency) {
      throw new GatewayError('CURRENCY_NOT_SUPPORT', `settlementAmount.currency must be ${p.paymentAmount.currency}.`);
    }
    total += BigInt(d.settlementAmount.value);
  }
  if (total > rt.unsettled(p)) {
    throw new GatewayError(
      'SETTLE_AMOUNT_EXCEED',
      `The settlement (${total}) exceeds what is left to settle on this payment (${rt.unsettled(p)}: captured - refunded - settled - disputed).`,
    );
  }
  const s = rt.settle(p, settlementRequestId, details, fp);
  s.response = success({ settlementRequestId, settlementId: s.settlementId });
  return s.response as ApiBody;
};

export const inquireBalance: Handler = (ctx) => {
  const { owner, rt } = ctx;
  const account = optionalString(ctx.body, 'referenceMerchantId', 64)
    ? sellerAccount(seller(ctx).referenceMerchantId)
    : MARKETPLACE_ACCOUNT;
  return success({
    accountBalances: rt.store.balances(owner, account).map(({ currency, available, frozen }) => ({
      currency,
      availableBalance: { currency, value: String(available) },
      frozenBalance: { currency, value: String(frozen) },
      totalBalance: { currency, value: String(available + frozen) },
    })),
  });
};

/** `paymentMethodId` of a transfer method names a seller (its referenceMerchantId); absent means the marketplace. */
function accountAt(ctx: HandlerContext, field: string): string {
  const id = optionalString(ctx.body, field, 64);
  if (!id || id === MARKETPLACE_ACCOUNT) return MARKETPLACE_ACCOUNT;
  return sellerAccount(seller(ctx, field).referenceMerchantId);
}

function transfer(kind: Transfer['kind']): Handler {
  return (ctx) => {
    const { body, owner, rt } = ctx;
    const transferRequestId = requireRequestId(body, 'transferRequestId');
    requireObject(body, 'transferFromDetail');
    const amount = requireAmount(body, 'transferFromDetail.transferFromAmount');
    requireObject(body, 'transferToDetail');
    const from = accountAt(ctx, 'transferFromDetail.transferFromMethod.paymentMethodId');
    const to = kind === 'TRANSFER' ? accountAt(ctx, 'transferToDetail.transferToMethod.paymentMethodId') : undefined;
    const fp = fingerprint(amount.currency, amount.value, from, to);
    const earlier = earlierAnswer(rt.store.transfersByRequestId.get(owner, transferRequestId), fp, 'transferRequestId');
    if (earlier) return earlier;
    if (to === from) throw new GatewayError('PARAM_ILLEGAL', 'A transfer needs two different accounts.');
    const value = BigInt(amount.value);
    if (value <= 0n) throw new GatewayError('PARAM_ILLEGAL', 'transferFromAmount.value must be above 0.');
    if (rt.store.available(owner, from, amount.currency) < value) {
      throw new GatewayError(
        'USER_BALANCE_NOT_ENOUGH',
        `${from} has less than ${amount.currency} ${amount.value} available.`,
      );
    }
    const t: Transfer = {
      owner,
      transferId: newId('2026'),
      transferRequestId,
      kind,
      amount,
      from,
      ...(to ? { to } : {}),
      createdAt: antomTime(),
      fingerprint: fp,
      response: {},
    };
    rt.post(owner, from, amount.currency, kind, t.transferId, { available: -value });
    if (to) rt.post(owner, to, amount.currency, kind, t.transferId, { available: value });
    t.response = success({ transferRequestId, transferId: t.transferId, transferTime: t.createdAt });
    rt.store.addTransfer(t);
    return t.response as ApiBody;
  };
}

export const createPayout = transfer('PAYOUT');
export const createTransfer = transfer('TRANSFER');
