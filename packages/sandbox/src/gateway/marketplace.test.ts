import { merchantRecordsFromJson, parseReport, reconcile } from '@antomkit/core/reports';
import { describe, expect, it } from 'vitest';
import { eventually, type Received, sandboxPerFile } from '../test-helpers';

const t = sandboxPerFile({ timeScale: 10_000 }, { notificationPath: '/antom' });

const bank = { bankAccountNo: '000123456', accountHolderName: 'Mugs Ltd', bankRegion: 'SG' };
const usd = (value: string) => ({ currency: 'USD', value });

function registration(id: string, loginId: string, extra: Record<string, unknown> = {}) {
  return {
    registrationRequestId: `reg-${id}`,
    merchantInfo: {
      referenceMerchantId: id,
      loginId,
      legalEntityType: 'COMPANY',
      company: { legalName: `${id} Ltd` },
      ...extra,
    },
    settlementInfos: [{ settlementCurrency: 'USD', settlementBankAccount: bank }],
  };
}

async function arrived(match: (n: Received) => boolean): Promise<Received> {
  await t.endpoint.waitFor((all) => all.some(match));
  return t.endpoint.received.find(match)!;
}

const registrationOf = (id: string) =>
  arrived((n) => n.body.notifyType === 'REGISTRATION_RESULT' && n.body.referenceMerchantId === id);

async function registered(id: string) {
  await t.antom.merchants.register(registration(id, `${id}@sellers.example`));
  const n = await registrationOf(id);
  expect(n.body.registrationStatus).toBe('SUCCESSFUL');
}

/** A card payment for a seller: paid at once, so earliestSettlementTime starts now. */
function payForSeller(paymentRequestId: string, seller: string, value: string) {
  return t.antom.payments.pay({
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: {
      referenceOrderId: paymentRequestId,
      orderDescription: 'A mug',
      orderAmount: usd(value),
      merchant: { referenceMerchantId: seller },
    },
    paymentAmount: usd(value),
    settlementStrategy: { settlementCurrency: 'USD' },
    paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { cardNo: '4054695723100768', cvv: '123' } },
    paymentRedirectUrl: 'http://127.0.0.1:9/r',
    paymentNotifyUrl: `${t.endpoint.url}/pay`,
  } as never);
}

const balance = async (referenceMerchantId?: string) => {
  const r = await t.antom.accounts.inquireBalance(referenceMerchantId ? { referenceMerchantId } : {});
  const b = r.accountBalances?.find((x) => x.currency === 'USD');
  return { available: b?.availableBalance.value ?? '0', frozen: b?.frozenBalance?.value ?? '0' };
};

async function rowsOf(csv: string) {
  const rows = [];
  for await (const row of parseReport([csv])) rows.push(row);
  return rows;
}

async function untilSettleable(paymentId: string) {
  const inquiry = await t.antom.payments.inquiryPayment({ paymentId });
  const at = Date.parse(String(inquiry.earliestSettlementTime));
  await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now() + 5)));
}

describe('seller registration', () => {
  it('answers PROCESSING, then REGISTRATION_RESULT SUCCESSFUL after a review delay', async () => {
    const started = Date.now();
    const answer = await t.antom.merchants.register(registration('seller-ok', 'ok@sellers.example'));
    expect(answer.registrationStatus).toBe('PROCESSING');
    expect(t.sandbox.state.subMerchants.get(t.sandbox.clientId, 'seller-ok')?.registrationStatus).toBe('PROCESSING');
    const n = await registrationOf('seller-ok');
    expect(n.verified).toBe(true);
    expect(n.at - started).toBeGreaterThanOrEqual(25); // 300 s / 10000
    expect(n.body).toMatchObject({ registrationRequestId: 'reg-seller-ok', registrationStatus: 'SUCCESSFUL' });
    expect(n.body.reasonCode).toBeUndefined();
    await expect(
      t.antom.merchants.register({ ...registration('seller-ok', 'x@y.example'), registrationRequestId: 'again' }),
    ).rejects.toMatchObject({
      resultCode: 'PARAM_ILLEGAL',
    });
  });

  it('answers a repeated registrationRequestId from the first call, REPEAT_REQ_INCONSISTENT if it changed', async () => {
    const first = await t.antom.merchants.register(registration('seller-twice', 'twice@sellers.example'));
    expect(await t.antom.merchants.register(registration('seller-twice', 'twice@sellers.example'))).toEqual(first);
    await expect(
      t.antom.merchants.register({
        ...registration('seller-other', 'o@sellers.example'),
        registrationRequestId: 'reg-seller-twice',
      }),
    ).rejects.toMatchObject({ resultCode: 'REPEAT_REQ_INCONSISTENT' });
    const unknown = { paymentId: 'no-such-payment' };
    for (const call of [
      t.antom.payments.capture({ captureRequestId: 'capture-unknown', ...unknown, captureAmount: usd('1') }),
      t.antom.payments.refund({ refundRequestId: 'refund-unknown', ...unknown, refundAmount: usd('1') }),
      t.antom.payments.settle({
        settlementRequestId: 'settle-unknown',
        ...unknown,
        settlementDetails: [{ settleTo: 'SELLER', settlementAmount: usd('1') }],
      }),
    ]) {
      await expect(call).rejects.toMatchObject({ resultCode: 'ORDER_NOT_EXIST' });
    }
  });

  it.each([
    [
      'seller-missing',
      'm@sellers.example',
      { company: {} },
      'MISSING_OR_INCORRECT_INFO',
      'merchantInfo.company.legalName',
    ],
    ['seller-risk', 'someone@risk.example', {}, 'REJECT_FOR_RISK', 'risk'],
    ['seller-fail', 'someone@fail.example', {}, 'REGISTRATION_FAILED', 'failed'],
  ])('%s -> FAILED with %s', async (id, loginId, extra, reasonCode, message) => {
    await t.antom.merchants.register(registration(id, loginId, extra));
    const n = await registrationOf(id);
    expect(n.body).toMatchObject({ registrationStatus: 'FAILED', reasonCode });
    expect(String(n.body.reasonMessage)).toContain(message);
    await expect(payForSeller(`pay-${id}`, id, '100')).rejects.toMatchObject({ resultCode: 'PARAM_ILLEGAL' });
  });

  it('names every missing legal entity field, and a failed seller may register again', async () => {
    await t.antom.merchants.register({
      registrationRequestId: 'reg-bare',
      merchantInfo: { referenceMerchantId: 'seller-bare' },
      settlementInfos: [],
    } as never);
    const n = await registrationOf('seller-bare');
    expect(n.body.reasonMessage).toContain('merchantInfo.loginId');
    expect(n.body.reasonMessage).toContain('merchantInfo.legalEntityType');
    expect(n.body.reasonMessage).toContain('settlementInfos');
    await t.antom.merchants.register({
      ...registration('seller-bare', 'bare@sellers.example'),
      registrationRequestId: 'reg-bare-2',
    });
    await t.endpoint.waitFor((all) => all.some((x) => x.body.registrationRequestId === 'reg-bare-2'));
    expect(t.sandbox.state.subMerchants.get(t.sandbox.clientId, 'seller-bare')?.registrationStatus).toBe('SUCCESSFUL');
  });

  it('updates settlement info asynchronously (SETTLEMENT_INFO_UPDATE_RESULT)', async () => {
    await registered('seller-upd');
    const r = await t.antom.merchants.settlementInfo.update({
      updateRequestId: 'upd-1',
      referenceMerchantId: 'seller-upd',
      settlementCurrency: 'USD',
      settlementBankAccount: { ...bank, bankAccountNo: '999' },
    });
    expect(r.updateStatus).toBe('PROCESSING');
    const ok = await arrived((n) => n.body.updateRequestId === 'upd-1');
    expect(ok.body).toMatchObject({ notifyType: 'SETTLEMENT_INFO_UPDATE_RESULT', updateStatus: 'SUCCESSFUL' });
    await t.antom.merchants.settlementInfo.update({
      updateRequestId: 'upd-2',
      referenceMerchantId: 'seller-upd',
      settlementCurrency: 'USD',
      settlementBankAccount: { bankRegion: 'SG' } as never,
    });
    const bad = await arrived((n) => n.body.updateRequestId === 'upd-2');
    expect(bad.body).toMatchObject({ updateStatus: 'FAILED', reasonCode: 'MISSING_OR_INCORRECT_INFO' });
    await expect(
      t.antom.merchants.settlementInfo.update({
        updateRequestId: 'upd-3',
        referenceMerchantId: 'nobody',
        settlementCurrency: 'USD',
        settlementBankAccount: bank,
      }),
    ).rejects.toMatchObject({ resultCode: 'PARAM_ILLEGAL' });
  });
});

describe('pay for a seller, settle, balances, refunds, payouts, disputes, reports', () => {
  it('runs the whole money flow and the reports reconcile', async () => {
    await registered('mugs');
    const paid = await payForSeller('order-1', 'mugs', '10000');
    expect(paid.result.resultStatus).toBe('S');
    const notified = await arrived((n) => n.body.paymentRequestId === 'order-1');
    const inquiry = await t.antom.payments.inquiryPayment({ paymentRequestId: 'order-1' });
    expect(inquiry.earliestSettlementTime).toBeTruthy();
    expect(notified.body.earliestSettlementTime).toBe(inquiry.earliestSettlementTime);
    expect(Date.parse(String(inquiry.earliestSettlementTime))).toBeGreaterThan(Date.parse(String(inquiry.paymentTime)));
    expect(await balance('mugs')).toEqual({ available: '0', frozen: '10000' });

    const split = {
      settlementRequestId: 'settle-1',
      paymentId: paid.paymentId!,
      settlementDetails: [
        { settleTo: 'SELLER' as const, settlementAmount: usd('9000') },
        { settleTo: 'MARKETPLACE' as const, settlementAmount: usd('1000') },
      ],
    };
    await expect(t.antom.payments.settle(split)).rejects.toMatchObject({ resultCode: 'ORDER_STATUS_INVALID' });
    await untilSettleable(paid.paymentId!);
    const settled = await t.antom.payments.settle(split);
    expect(settled.settlementId).toBeTruthy();
    expect((await t.antom.payments.settle(split)).settlementId).toBe(settled.settlementId);
    await expect(
      t.antom.payments.settle({
        ...split,
        settlementDetails: [{ settleTo: 'SELLER', settlementAmount: usd('10000') }],
      }),
    ).rejects.toMatchObject({ resultCode: 'REPEAT_REQ_INCONSISTENT' });
    await expect(
      t.antom.payments.settle({
        ...split,
        settlementRequestId: 'settle-1b',
        settlementDetails: [{ settleTo: 'SELLER', settlementAmount: usd('1') }],
      }),
    ).rejects.toMatchObject({ resultCode: 'SETTLE_AMOUNT_EXCEED' });
    const ofBatch = (all: Received[]) =>
      all.filter((n) => n.body.notifyType === 'SETTLEMENT_RESULT' && n.body.settlementBatchId === settled.settlementId);
    await t.endpoint.waitFor((all) => ofBatch(all).length === 2);
    const results = ofBatch(t.endpoint.received);
    expect(results.map((n) => n.body.settleTo).sort()).toEqual(['MARKETPLACE', 'SELLER']);
    expect(results.find((n) => n.body.settleTo === 'SELLER')!.body).toMatchObject({
      referenceMerchantId: 'mugs',
      actualSettlementAmount: usd('9000'),
    });
    expect(await balance('mugs')).toEqual({ available: '9000', frozen: '0' });
    expect(await balance()).toEqual({ available: '1000', frozen: '0' });

    // After settlement a refund comes from the seller's funds...
    await t.antom.payments.refund({
      refundRequestId: 'refund-1',
      paymentId: paid.paymentId!,
      refundAmount: usd('2000'),
    });
    expect(await balance('mugs')).toEqual({ available: '7000', frozen: '0' });
    await t.antom.funds.createPayout({
      transferRequestId: 'payout-1',
      transferFromDetail: {
        transferFromMethod: { paymentMethodType: 'BALANCE', paymentMethodId: 'mugs' },
        transferFromAmount: usd('7000'),
      },
      transferToDetail: { transferToMethod: { paymentMethodType: 'BANK_ACCOUNT' }, transferToCurrency: 'USD' },
    });
    // ... and from the marketplace's once the seller has nothing left.
    await t.antom.payments.refund({
      refundRequestId: 'refund-2',
      paymentId: paid.paymentId!,
      refundAmount: usd('500'),
    });
    expect(await balance('mugs')).toEqual({ available: '0', frozen: '0' });
    expect(await balance()).toEqual({ available: '500', frozen: '0' });
    await expect(
      t.antom.payments.refund({ refundRequestId: 'refund-3', paymentId: paid.paymentId!, refundAmount: usd('600') }),
    ).rejects.toMatchObject({ resultCode: 'PROCESS_FAIL' });
    const toMugs = {
      transferRequestId: 'transfer-1',
      transferFromDetail: { transferFromMethod: { paymentMethodType: 'BALANCE' }, transferFromAmount: usd('300') },
      transferToDetail: {
        transferToMethod: { paymentMethodType: 'BALANCE', paymentMethodId: 'mugs' },
        transferToCurrency: 'USD',
      },
    };
    const transferred = await t.antom.funds.createTransfer(toMugs);
    expect(await t.antom.funds.createTransfer(toMugs)).toEqual(transferred);
    expect(await balance('mugs')).toEqual({ available: '300', frozen: '0' });
    await expect(
      t.antom.funds.createPayout({
        transferRequestId: 'payout-2',
        transferFromDetail: {
          transferFromMethod: { paymentMethodType: 'BALANCE', paymentMethodId: 'mugs' },
          transferFromAmount: usd('301'),
        },
        transferToDetail: { transferToMethod: { paymentMethodType: 'BANK_ACCOUNT' }, transferToCurrency: 'USD' },
      }),
    ).rejects.toMatchObject({ resultCode: 'USER_BALANCE_NOT_ENOUGH' });

    // Refunds before settlement shrink what can be settled: sum <= captured - refunded.
    const second = await payForSeller('order-2', 'mugs', '5000');
    await t.antom.payments.refund({
      refundRequestId: 'refund-4',
      paymentId: second.paymentId!,
      refundAmount: usd('1000'),
    });
    expect(await balance('mugs')).toEqual({ available: '300', frozen: '4000' });
    await untilSettleable(second.paymentId!);
    const detail = (value: string) => [{ settleTo: 'SELLER' as const, settlementAmount: usd(value) }];
    await expect(
      t.antom.payments.settle({
        settlementRequestId: 'settle-2a',
        paymentId: second.paymentId!,
        settlementDetails: detail('4001'),
      }),
    ).rejects.toMatchObject({ resultCode: 'SETTLE_AMOUNT_EXCEED' });
    await t.antom.payments.settle({
      settlementRequestId: 'settle-2',
      paymentId: second.paymentId!,
      settlementDetails: detail('4000'),
    });
    expect(await balance('mugs')).toEqual({ available: '4300', frozen: '0' });

    // A chargeback takes the amount from the seller; a defense wins it back (DISPUTE_JUDGED).
    const opened = await fetch(`${t.sandbox.url}/_sandbox/payments/${second.paymentId}/dispute`, { method: 'POST' });
    const { disputeId } = (await opened.json()) as { disputeId: string };
    await t.endpoint.waitFor((all) =>
      all.some((n) => n.body.disputeNotificationType === 'DISPUTE_CREATED' && n.body.disputeId === disputeId),
    );
    expect(await balance('mugs')).toEqual({ available: '-700', frozen: '0' });
    await t.antom.payments.supplyDefenseDocument({
      disputeId,
      disputeEvidence: Buffer.from('proof').toString('base64'),
    } as never);
    const judged = await arrived((n) => n.body.disputeNotificationType === 'DISPUTE_JUDGED');
    expect(judged.body.disputeId).toBe(disputeId);
    expect(await balance('mugs')).toEqual({ available: '4300', frozen: '0' });

    // Reports in the marketplace layout, served where `antom reports fetch` looks.
    const names = (await (await fetch(`${t.sandbox.url}/sandbox/reports`)).json()) as string[];
    const transactions = names.find((n) => n.startsWith('transactionItems_'))!;
    expect(transactions).toMatch(/^transactionItems_\d{8}_000\.csv$/);
    expect(names).toContain(`settlementItems_USD_${settled.settlementId}_000.csv`);
    expect(names).toContain(`settlementSummary_USD_${settled.settlementId}_000.csv`);
    const csv = await (await fetch(`${t.sandbox.url}/sandbox/reports/${transactions}`)).text();
    expect(csv.trimEnd().endsWith('<END>')).toBe(true);
    const rows = await rowsOf(csv);
    expect(rows.map((r) => (r as { transactionType: string }).transactionType).sort()).toEqual([
      'DISPUTE',
      'DISPUTE_REVERSAL',
      'PAYMENT',
      'PAYMENT',
      'REFUND',
      'REFUND',
      'REFUND',
    ]);
    const records = merchantRecordsFromJson([
      { paymentRequestId: 'order-1', paymentId: paid.paymentId, amount: usd('10000'), status: 'PARTIALLY_REFUNDED' },
      { paymentRequestId: 'order-2', paymentId: second.paymentId, amount: usd('5000'), status: 'PARTIALLY_REFUNDED' },
      { paymentRequestId: 'order-1', refundRequestId: 'refund-1', amount: usd('2000'), status: 'SUCCESS' },
      { paymentRequestId: 'order-1', refundRequestId: 'refund-2', amount: usd('500'), status: 'SUCCESS' },
      { paymentRequestId: 'order-2', refundRequestId: 'refund-4', amount: usd('1000'), status: 'SUCCESS' },
    ]);
    const result = await reconcile(rows, records);
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({ ok: true, matchedPayments: 2, matchedRefunds: 3, disputes: 2 });
    expect(result.adjustments[0]).toMatchObject({ paymentRequestId: 'order-2', transactionType: 'DISPUTE' });
    const settlementCsv = await (
      await fetch(`${t.sandbox.url}/sandbox/reports/settlementItems_USD_${settled.settlementId}_000.csv`)
    ).text();
    const settlementRows = (await rowsOf(settlementCsv)) as unknown as Array<{
      fields: Record<string, string>;
      settlementAmount: { value: string };
    }>;
    expect(
      settlementRows.map((r) => [r.fields.settleTo, r.fields.referenceMerchantId, r.settlementAmount.value]),
    ).toEqual([
      ['SELLER', 'mugs', '9000'],
      ['MARKETPLACE', '', '1000'],
    ]);
    expect((await fetch(`${t.sandbox.url}/sandbox/reports/nope.csv`)).status).toBe(404);
  });

  it('a cancelled seller payment releases its held funds', async () => {
    await registered('cups');
    const paid = await payForSeller('order-c', 'cups', '700');
    expect(await balance('cups')).toEqual({ available: '0', frozen: '700' });
    await t.antom.payments.cancel({ paymentId: paid.paymentId! });
    expect(await balance('cups')).toEqual({ available: '0', frozen: '0' });
    await eventually(() => t.sandbox.state.payments.get(paid.paymentId!)?.status === 'CANCELLED');
  });
});
