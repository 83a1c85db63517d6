import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMarketplace, startMarketplace } from './start';

let m: RunningMarketplace;
const env = { ADMIN_TOKEN: 'operator-secret', PORT: '0', DATA_DIR: '' };

beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  env.DATA_DIR = await mkdtemp(`${tmpdir()}/marketplace-`);
  m = await startMarketplace({ env, timeScale: 5000 });
});
afterAll(async () => {
  await m?.close();
});

const api = async (path: string, init: { method?: string; body?: unknown; admin?: boolean } = {}) => {
  const res = await fetch(`${m.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.admin ? { authorization: `Bearer ${env.ADMIN_TOKEN}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
};

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

async function payOnCashier(redirectUrl: string): Promise<void> {
  const res = await fetch(redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

describe('marketplace API against the embedded sandbox', () => {
  it('onboards sellers: SUCCESSFUL, or FAILED with the reason from REGISTRATION_RESULT', async () => {
    const created = await api('/api/sellers', {
      body: { sellerId: 'bad-risk', name: 'Risky', loginId: 'x@risk.example', legalName: 'Risky Ltd' },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PROCESSING');
    const failed = await until(
      () => api('/api/sellers/bad-risk'),
      (r) => r.body.status !== 'PROCESSING',
    );
    expect(failed.body).toMatchObject({ status: 'FAILED', reasonCode: 'REJECT_FOR_RISK' });
    await api('/api/sellers', { body: { sellerId: 'no-name', name: 'Anon', loginId: 'anon@sellers.example' } });
    const missing = await until(
      () => api('/api/sellers/no-name'),
      (r) => r.body.status !== 'PROCESSING',
    );
    expect(missing.body).toMatchObject({ status: 'FAILED', reasonCode: 'MISSING_OR_INCORRECT_INFO' });
    expect(missing.body.reasonMessage).toContain('legalName');
    expect((await api('/api/sellers/no-name/orders', { body: {} })).status).toBe(409);
    expect((await api('/api/sellers', { body: { sellerId: 'Bad Id!' } })).status).toBe(400);
  });

  it('pays a seller, refuses early settlement, settles 90/10, refunds, handles a dispute and reconciles', async () => {
    await api('/api/sellers', {
      body: { sellerId: 'mugs', name: 'Mug Shop', loginId: 'mugs@sellers.example', legalName: 'Mug Shop Ltd' },
    });
    await until(
      () => api('/api/sellers/mugs'),
      (r) => r.body.status === 'SUCCESSFUL',
    );
    const checkout = await api('/api/sellers/mugs/orders', { body: {} });
    expect(checkout.status).toBe(201);
    await payOnCashier(checkout.body.redirectUrl);
    const { orderId } = checkout.body;
    const paid = await until(
      () => api(`/api/orders/${orderId}`),
      (r) => r.body.status === 'PAID' && r.body.earliestSettlementTime,
    );
    expect(paid.body.amount).toEqual({ currency: 'USD', value: '2500' });
    const seller = await api('/api/sellers/mugs');
    expect(seller.body.balance.frozen).toEqual({ currency: 'USD', value: '2500' });

    expect((await api(`/api/orders/${orderId}/settle`, { body: {} })).status).toBe(401);
    if (Date.now() < Date.parse(paid.body.earliestSettlementTime)) {
      const early = await api(`/api/orders/${orderId}/settle`, { body: {}, admin: true });
      expect(early.status).toBe(409);
      expect(early.body.error).toContain('Not yet');
    }
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(paid.body.earliestSettlementTime) - Date.now() + 5)));
    const settled = await api(`/api/orders/${orderId}/settle`, { body: {}, admin: true });
    expect(settled.status).toBe(200);
    expect(settled.body.details.map((d: any) => [d.settleTo, d.amount.value])).toEqual([
      ['SELLER', '2250'],
      ['MARKETPLACE', '250'],
    ]);
    await until(
      () => api(`/api/orders/${orderId}`),
      (r) => r.body.settlement.details.every((d: any) => d.arrived),
    );
    expect((await api('/api/sellers/mugs')).body.balance.available).toEqual({ currency: 'USD', value: '2250' });

    const refund = await api(`/api/orders/${orderId}/refunds`, {
      body: { amount: { currency: 'USD', value: '500' } },
      admin: true,
    });
    expect(refund.status).toBe(202);
    const refunded = await until(
      () => api(`/api/orders/${orderId}`),
      (r) => r.body.status === 'PARTIALLY_REFUNDED',
    );
    expect(refunded.body.refunds).toEqual([
      expect.objectContaining({ status: 'SUCCESS', amount: { currency: 'USD', value: '500' } }),
    ]);
    expect((await api('/api/sellers/mugs')).body.balance.available).toEqual({ currency: 'USD', value: '1750' });
    expect(
      (
        await api(`/api/orders/${orderId}/refunds`, {
          body: { amount: { currency: 'USD', value: '2001' } },
          admin: true,
        })
      ).status,
    ).toBe(400);

    const paymentId = paid.body.paymentId as string;
    const opened = await fetch(`${m.sandbox!.url}/_sandbox/payments/${paymentId}/dispute`, { method: 'POST' });
    expect(opened.status).toBe(201);
    await until(
      () => api(`/api/orders/${orderId}`),
      (r) => r.body.dispute?.status === 'DISPUTE_CREATED',
    );
    await api(`/api/orders/${orderId}/dispute`, { body: { answer: 'defend' }, admin: true });
    const judged = await until(
      () => api(`/api/orders/${orderId}`),
      (r) => r.body.dispute?.status === 'DISPUTE_JUDGED',
    );
    expect(judged.body.dispute.judgedResult).toBe('ACCEPT_BY_CUSTOMER');

    const report = await api('/api/reconciliation');
    expect(report.body.files[0]).toMatch(/^transactionItems_\d{8}_000\.csv$/);
    expect(report.body.result.issues).toEqual([]);
    expect(report.body.result.summary).toMatchObject({ ok: true, matchedPayments: 1, matchedRefunds: 1, disputes: 2 });
    expect(report.body.result.adjustments[0]).toMatchObject({
      transactionType: 'DISPUTE',
      paymentRequestId: paid.body.paymentRequestId,
    });
  });
});
