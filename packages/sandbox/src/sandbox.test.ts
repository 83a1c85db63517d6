import { AntomApiError, AntomClient, AntomResponseSignatureError } from '@antomkit/core';
import { describe, expect, it } from 'vitest';
import { generateKeyPairPem } from './keys';
import { sandboxPerFile } from './test-helpers';

const t = sandboxPerFile({ timeScale: 10_000 }, { client: { retryBaseDelayMs: 5, retryMaxDelayMs: 20 } });
let seq = 0;
const rid = (p: string) => `${p}-${Date.now()}-${++seq}`;

function cashierPay(paymentRequestId: string, value = '1999', extra: Record<string, unknown> = {}) {
  return {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: {
      referenceOrderId: paymentRequestId,
      orderDescription: 'Two ceramic mugs',
      orderAmount: { currency: 'USD', value },
    },
    paymentAmount: { currency: 'USD', value },
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    paymentRedirectUrl: `${t.endpoint.url}/orders/${paymentRequestId}`,
    paymentNotifyUrl: `${t.endpoint.url}/antom/notifications?shop=1`,
    ...extra,
  } as any;
}

async function choose(normalUrl: string, action: 'pay' | 'fail' | 'cancel') {
  return fetch(normalUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
  });
}

async function paid(paymentRequestId: string, extra: Record<string, unknown> = {}, value = '1999') {
  const created = await t.antom.payments.pay(cashierPay(paymentRequestId, value, extra));
  await choose(created.normalUrl!, 'pay');
  return created.paymentId!;
}

describe('payments through AntomClient', () => {
  it('pays through the cashier: U + normalUrl, a page with the order, 303 back, a signed PAYMENT_RESULT acked', async () => {
    const id = rid('pay');
    const created = await t.antom.payments.pay(cashierPay(id));
    expect(created.result).toMatchObject({ resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'U' });
    expect(created.normalUrl).toBe(`${t.sandbox.url}/cashier/${created.paymentId}`);

    const page = await (await fetch(created.normalUrl!)).text();
    expect(page).toContain('Antomkit Sandbox Shop');
    expect(page).toContain('Two ceramic mugs');
    expect(page).toContain('USD 19.99');
    expect(page).toContain('data-testid="cashier-pay"');

    const choice = await choose(created.normalUrl!, 'pay');
    expect(choice.status).toBe(303);
    expect(choice.headers.get('location')).toBe(`${t.endpoint.url}/orders/${id}`);

    const [n] = (await t.endpoint.waitFor((all) => all.some((r) => r.body.paymentRequestId === id))).filter(
      (r) => r.body.paymentRequestId === id,
    );
    expect(n!.verified).toBe(true);
    expect(n!.path).toBe('/antom/notifications?shop=1');
    expect(n!.headers['client-id']).toBe(t.sandbox.clientId);
    expect(n!.body).toMatchObject({
      notifyType: 'PAYMENT_RESULT',
      result: { resultCode: 'SUCCESS', resultStatus: 'S' },
      paymentId: created.paymentId,
      paymentAmount: { currency: 'USD', value: '1999' },
    });
    await t.sandbox.notifications.idle();
    const record = t.sandbox.notifications.list().find((r) => r.relatedId === created.paymentId);
    expect(record?.state).toBe('acked');
    expect(record?.attempts[0]).toMatchObject({ status: 200, acked: true, trigger: 'scheduled' });

    const inquiry = await t.antom.payments.inquiryPayment({ paymentRequestId: id });
    expect(inquiry).toMatchObject({ paymentStatus: 'SUCCESS', paymentId: created.paymentId });
    expect(inquiry.paymentTime).toBeTruthy();
  });

  it('fails and cancels from the cashier, with PAYMENT_RESULT F', async () => {
    const failId = rid('fail');
    const failing = await t.antom.payments.pay(cashierPay(failId));
    await choose(failing.normalUrl!, 'fail');
    expect((await t.antom.payments.inquiryPayment({ paymentId: failing.paymentId! })).paymentStatus).toBe('FAIL');
    const cancelId = rid('abandon');
    const abandoned = await t.antom.payments.pay(cashierPay(cancelId));
    await choose(abandoned.normalUrl!, 'cancel');
    expect((await t.antom.payments.inquiryPayment({ paymentId: abandoned.paymentId! })).paymentStatus).toBe(
      'CANCELLED',
    );
    const all = await t.endpoint.waitFor(
      (r) => r.filter((x) => [failId, cancelId].includes(x.body.paymentRequestId)).length === 2,
    );
    const notes = all.filter((x) => [failId, cancelId].includes(x.body.paymentRequestId));
    expect(notes.map((x) => x.body.result.resultStatus)).toEqual(['F', 'F']);
    // The cashier is closed after a choice.
    const again = await (await fetch(abandoned.normalUrl!)).text();
    expect(again).not.toContain('data-testid="cashier-pay"');
    expect(again).toContain('CANCELLED');
  });

  it('refunds within the paid amount, notifies refundNotifyUrl, and refuses more', async () => {
    const paymentId = await paid(rid('refund'));
    const refundRequestId = rid('r');
    const refund = await t.antom.payments.refund({
      refundRequestId,
      paymentId,
      refundAmount: { currency: 'USD', value: '999' },
      refundNotifyUrl: `${t.endpoint.url}/antom/refunds`,
    } as any);
    expect(refund.refundId).toBeTruthy();
    await t.endpoint.waitFor((all) => all.some((r) => r.body.refundRequestId === refundRequestId));
    const n = t.endpoint.received.find((r) => r.body.refundRequestId === refundRequestId)!;
    expect(n).toMatchObject({ path: '/antom/refunds', verified: true });
    expect(n.body).toMatchObject({ notifyType: 'REFUND_RESULT', refundStatus: 'SUCCESS', refundId: refund.refundId });

    const inquiry = await t.antom.payments.inquiryRefund({ refundRequestId } as any);
    expect(inquiry).toMatchObject({ refundStatus: 'SUCCESS', refundId: refund.refundId });

    const exceed = t.antom.payments.refund({
      refundRequestId: rid('r'),
      paymentId,
      refundAmount: { currency: 'USD', value: '1001' },
    } as any);
    await expect(exceed).rejects.toMatchObject({ name: 'AntomApiError', resultCode: 'REFUND_AMOUNT_EXCEED' });
    const currency = t.antom.payments.refund({
      refundRequestId: rid('r'),
      paymentId,
      refundAmount: { currency: 'EUR', value: '1' },
    } as any);
    await expect(currency).rejects.toMatchObject({ resultCode: 'CURRENCY_NOT_SUPPORT' });
    const rest = await t.antom.payments.refund({
      refundRequestId: rid('r'),
      paymentId,
      refundAmount: { currency: 'USD', value: '1000' },
    } as any);
    expect(rest.refundId).toBeTruthy();
  });

  it('refunds only paid payments', async () => {
    const created = await t.antom.payments.pay(cashierPay(rid('unpaid')));
    const attempt = t.antom.payments.refund({
      refundRequestId: rid('r'),
      paymentId: created.paymentId!,
      refundAmount: { currency: 'USD', value: '1' },
    } as any);
    await expect(attempt).rejects.toMatchObject({ resultCode: 'ORDER_STATUS_INVALID' });
  });

  it('captures manually: no refund before capture, CAPTURE_RESULT, no capture above the authorisation', async () => {
    const paymentId = await paid(rid('manual'), { paymentFactor: { captureMode: 'MANUAL' } });
    const early = t.antom.payments.refund({
      refundRequestId: rid('r'),
      paymentId,
      refundAmount: { currency: 'USD', value: '1' },
    } as any);
    await expect(early).rejects.toMatchObject({ resultCode: 'ORDER_STATUS_INVALID' });
    const captureRequestId = rid('c');
    const capture = await t.antom.payments.capture({
      captureRequestId,
      paymentId,
      captureAmount: { currency: 'USD', value: '1999' },
    } as any);
    expect(capture.captureId).toBeTruthy();
    const again = await t.antom.payments.capture({
      captureRequestId,
      paymentId,
      captureAmount: { currency: 'USD', value: '1999' },
    } as any);
    expect(again.captureId).toBe(capture.captureId);
    await t.endpoint.waitFor((all) => all.some((r) => r.body.captureRequestId === captureRequestId));
    expect(t.endpoint.received.find((r) => r.body.captureRequestId === captureRequestId)!.body.notifyType).toBe(
      'CAPTURE_RESULT',
    );
    const more = t.antom.payments.capture({
      captureRequestId: rid('c'),
      paymentId,
      captureAmount: { currency: 'USD', value: '1' },
    } as any);
    await expect(more).rejects.toMatchObject({ resultCode: 'CAPTURE_AMOUNT_EXCEED' });
    const auto = await paid(rid('auto'));
    const onAuto = t.antom.payments.capture({
      captureRequestId: rid('c'),
      paymentId: auto,
      captureAmount: { currency: 'USD', value: '1' },
    } as any);
    await expect(onAuto).rejects.toMatchObject({ resultCode: 'ORDER_STATUS_INVALID' });
  });

  it('cancels a processing payment; a failed one is ORDER_IS_CLOSED', async () => {
    const created = await t.antom.payments.pay(cashierPay(rid('cancel')));
    const cancelled = await t.antom.payments.cancel({ paymentId: created.paymentId! } as any);
    expect(cancelled.cancelTime).toBeTruthy();
    expect((await t.antom.payments.inquiryPayment({ paymentId: created.paymentId! })).paymentStatus).toBe('CANCELLED');
    const twice = await t.antom.payments.cancel({ paymentId: created.paymentId! } as any);
    expect(twice.cancelTime).toBe(cancelled.cancelTime);
    const failing = await t.antom.payments.pay(cashierPay(rid('cf')));
    await choose(failing.normalUrl!, 'fail');
    await expect(t.antom.payments.cancel({ paymentId: failing.paymentId! } as any)).rejects.toMatchObject({
      resultCode: 'ORDER_IS_CLOSED',
    });
    await expect(t.antom.payments.cancel({ paymentRequestId: 'nope' } as any)).rejects.toMatchObject({
      resultCode: 'ORDER_NOT_EXIST',
    });
  });

  it('is idempotent by paymentRequestId and refundRequestId; changed key fields are REPEAT_REQ_INCONSISTENT', async () => {
    const id = rid('idem');
    const first = await t.antom.payments.pay(cashierPay(id));
    const second = await t.antom.payments.pay(cashierPay(id));
    expect(second.paymentId).toBe(first.paymentId);
    expect(second.normalUrl).toBe(first.normalUrl);
    await expect(t.antom.payments.pay(cashierPay(id, '2000'))).rejects.toMatchObject({
      resultCode: 'REPEAT_REQ_INCONSISTENT',
      resultStatus: 'F',
    });
    await choose(first.normalUrl!, 'pay');
    const refundRequestId = rid('r');
    const body = { refundRequestId, paymentId: first.paymentId!, refundAmount: { currency: 'USD', value: '5' } };
    const r1 = await t.antom.payments.refund(body as any);
    const r2 = await t.antom.payments.refund(body as any);
    expect(r2.refundId).toBe(r1.refundId);
    await expect(
      t.antom.payments.refund({ ...body, refundAmount: { currency: 'USD', value: '6' } } as any),
    ).rejects.toMatchObject({ resultCode: 'REPEAT_REQ_INCONSISTENT' });
    expect(t.sandbox.state.refundsOf(first.paymentId!)).toHaveLength(1);
  });

  it('knows the documented test values: amount 11 and the test cards', async () => {
    await expect(t.antom.payments.pay(cashierPay(rid('risk'), '11'))).rejects.toMatchObject({
      resultCode: 'RISK_REJECT',
    });
    const card = (cardNo: string, cvv = '123') =>
      cashierPay(rid('card'), '500', {
        paymentMethod: {
          paymentMethodType: 'CARD',
          paymentMethodMetaData: { cardNo, cvv, expiryMonth: '12', expiryYear: '30' },
        },
      });
    const ok = await t.antom.payments.pay(card('4054695723100768'));
    expect(ok.result.resultStatus).toBe('S');
    expect((await t.antom.payments.inquiryPayment({ paymentId: ok.paymentId! })).paymentStatus).toBe('SUCCESS');
    await expect(t.antom.payments.pay(card('5162770472561357'))).rejects.toMatchObject({ resultCode: 'PROCESS_FAIL' });
    const badCvv = t.antom.payments.pay(card('4054695723100768', '99'));
    await expect(badCvv).rejects.toMatchObject({ resultCode: 'PARAM_ILLEGAL' });
    await expect(badCvv).rejects.toThrow(/cvv/);
  });

  it('creates payment sessions with a cashier normalUrl', async () => {
    const body = cashierPay(rid('session'));
    delete body.paymentMethod;
    const session = await t.antom.payments.createPaymentSession(body);
    expect(session.paymentSessionId).toBeTruthy();
    expect(session.normalUrl).toMatch(new RegExp(`^${t.sandbox.url}/cashier/`));
  });

  it('expires unpaid payments as ORDER_IS_CLOSED', async () => {
    const expiring = await t.antom.payments.pay(
      cashierPay(rid('exp'), '100', { paymentExpiryTime: new Date(Date.now() + 150).toISOString() }),
    );
    await new Promise((r) => setTimeout(r, 250));
    const inquiry = await t.antom.payments.inquiryPayment({ paymentId: expiring.paymentId! });
    expect(inquiry).toMatchObject({ paymentStatus: 'FAIL', paymentResultCode: 'ORDER_IS_CLOSED' });
  });
});

describe('signature errors through AntomClient', () => {
  it('a wrong merchant key gets INVALID_SIGNATURE (unsigned F, accepted by the client)', async () => {
    const wrong = new AntomClient({
      ...t.sandbox.clientOptions,
      privateKey: generateKeyPairPem().privateKey,
      maxRetries: 0,
    });
    try {
      const error = await wrong.payments.inquiryPayment({ paymentRequestId: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AntomApiError);
      expect(error).toMatchObject({ resultCode: 'INVALID_SIGNATURE' });
    } finally {
      await wrong.close();
    }
  });

  it('a client with the wrong Antom public key refuses the signed answer', async () => {
    const suspicious = new AntomClient({
      ...t.sandbox.clientOptions,
      antomPublicKey: generateKeyPairPem().publicKey,
      maxRetries: 0,
    });
    try {
      const error = await suspicious.payments.pay(cashierPay(rid('k'))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AntomResponseSignatureError);
    } finally {
      await suspicious.close();
    }
  });
});

describe('faults and scenarios through AntomClient', () => {
  it('retries through a reset connection and a 503 with the same request id: one payment', async () => {
    t.sandbox.faults.next({ kind: 'reset', path: '/v1/payments/pay' });
    t.sandbox.faults.next({ kind: 'http-error', status: 503, path: '/v1/payments/pay' });
    const id = rid('fault');
    const created = await t.antom.payments.pay(cashierPay(id));
    expect(created.paymentId).toBeTruthy();
    expect([...t.sandbox.state.payments.values()].filter((p) => p.paymentRequestId === id)).toHaveLength(1);
    expect(t.sandbox.faults.list()).toHaveLength(0);
  });

  it('injects latency beyond the client timeout', async () => {
    const impatient = new AntomClient({ ...t.sandbox.clientOptions, timeoutMs: 100, maxRetries: 0 });
    try {
      t.sandbox.faults.next({ kind: 'latency', ms: 400, path: '/v1/payments/inquiryPayment' });
      const error = await impatient.payments.inquiryPayment({ paymentRequestId: 'x' }).catch((e: unknown) => e);
      expect((error as Error).name).toMatch(/Transport|UnknownOutcome/);
    } finally {
      await impatient.close();
    }
  });

  it('answers the chosen result code for the next matching call (scenario switch), also over HTTP', async () => {
    t.sandbox.scenarios.next({ path: '/v1/payments/pay', resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'U' });
    const id = rid('scn');
    const created = await t.antom.payments.pay(cashierPay(id));
    expect(created.result.resultCode).toBe('PAYMENT_IN_PROCESS');

    const admin = await fetch(`${t.sandbox.url}/_sandbox/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/ams/api/v1/payments/refund', resultCode: 'PROCESS_FAIL', resultStatus: 'F' }),
    });
    expect(admin.status).toBe(201);
    const paymentId = await paid(rid('scn'));
    await expect(
      t.antom.payments.refund({
        refundRequestId: rid('r'),
        paymentId,
        refundAmount: { currency: 'USD', value: '1' },
      } as any),
    ).rejects.toMatchObject({ resultCode: 'PROCESS_FAIL' });
    expect(t.sandbox.state.refundsOf(paymentId)).toHaveLength(0);
  });

  it('arms faults over HTTP and rejects bad rules', async () => {
    const bad = await fetch(`${t.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${t.sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'http-error', path: '/v1/payments/consult', times: 1 }),
    });
    expect(ok.status).toBe(201);
    const raw = await fetch(`${t.sandbox.url}/ams/api/v1/payments/consult`, { method: 'POST' });
    expect(raw.status).toBe(500);
    expect(await (await fetch(`${t.sandbox.url}/_sandbox/faults`)).json()).toEqual([]);
  });
});
