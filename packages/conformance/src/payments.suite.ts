import { randomUUID } from 'node:crypto';
import { AntomClient } from '@antomkit/core';
import { startSandbox } from '@antomkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './antom';
import type { AdapterUnderTest, PaymentSetup, RunningApp } from './types';

type Order = PaymentSetup['orders'] extends Map<string, infer O> ? O : never;
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Presses a cashier button the way a browser would: submit the form around `data-testid="<testid>"`. */
export async function pressCashierButton(
  normalUrl: string,
  testid: string,
): Promise<{ status: number; location?: string }> {
  const page = await send(normalUrl, { method: 'GET' });
  const forms = page.body.split(/<form/i).slice(1);
  const form = forms.find((f) => f.includes(`data-testid="${testid}"`));
  if (!form) throw new Error(`No form with data-testid="${testid}" on the cashier page ${normalUrl}`);
  const action = /action="([^"]*)"/i.exec(form)?.[1] ?? normalUrl;
  const fields = new URLSearchParams();
  for (const input of form.matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/gi))
    fields.set(input[1]!, input[2]!);
  const button = new RegExp(`<button[^>]*data-testid="${testid}"[^>]*>`, 'i').exec(form)?.[0] ?? '';
  const name = /name="([^"]*)"/i.exec(button)?.[1];
  if (name) fields.set(name, /value="([^"]*)"/i.exec(button)?.[1] ?? '');
  const reply = await send(new URL(action.replaceAll('&amp;', '&'), normalUrl).toString(), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: fields.toString(),
  });
  const location = reply.headers.location;
  return { status: reply.status, ...(typeof location === 'string' ? { location } : {}) };
}

export function describePaymentRoutes(adapter: AdapterUnderTest) {
  const startPayments = adapter.startPayments;
  if (!startPayments) return;
  // Until @antomkit/sandbox exports startSandbox this block shows as skipped, never as passed.
  describe.skipIf(typeof startSandbox !== 'function')('payment routes against the local sandbox', () => {
    let sandbox: Sandbox;
    let client: AntomClient;
    let app: RunningApp;
    const orders = new Map<string, Order>();
    const updates: { orderId: string; paymentRequestId: string; paymentStatus: string }[] = [];
    const notified: { paymentRequestId: string; result: { resultStatus: string } }[] = [];
    const adminToken = `admin_${randomUUID()}`;

    const order = (value = '1999') => {
      const o = {
        orderId: `ord_${randomUUID().slice(0, 12)}`,
        amount: { currency: 'USD', value },
        description: 'Conformance order',
      };
      orders.set(o.orderId, o);
      return o;
    };
    const checkout = (orderId: string, init: { form?: boolean } = {}) =>
      send(`${app.url}/api/orders/${orderId}/checkout`, {
        headers: init.form
          ? { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
          : { 'content-type': 'application/json', accept: 'application/json' },
        body: init.form ? 'amount=1&currency=USD' : JSON.stringify({ amount: { currency: 'USD', value: '1' } }),
      });

    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, timeScale: 10_000 });
      client = new AntomClient({
        clientId: sandbox.clientId,
        privateKey: sandbox.keys.merchantPrivateKey,
        antomPublicKey: sandbox.keys.antomPublicKey,
        gateway: sandbox.url,
        maxRetries: 0,
      });
      app = await startPayments({
        client,
        orders,
        onPaymentStatus: (u) => updates.push(u),
        adminToken,
        notifyPath: '/antom/notifications',
        receiver: { clientId: sandbox.clientId, antomPublicKey: sandbox.keys.antomPublicKey, logger: false },
        handlers: {
          PAYMENT_RESULT: async (n) => {
            notified.push(n);
          },
        },
      });
    });
    afterAll(async () => {
      await app?.close();
      await client?.close();
      await sandbox?.close();
    });

    it('checks out with the amount from the server, never the body, and answers fetch with JSON', async () => {
      const o = order('2500');
      const reply = await checkout(o.orderId);
      expect(reply.status).toBe(200);
      const json = JSON.parse(reply.body) as { paymentRequestId: string; redirectUrl: string };
      expect(json.redirectUrl.startsWith(sandbox.url)).toBe(true);
      const inquiry = await client.payments.inquiryPayment({ paymentRequestId: json.paymentRequestId });
      expect(inquiry.paymentAmount).toEqual({ currency: 'USD', value: '2500' });
    });

    it('answers a browser form post with 303 to the cashier', async () => {
      const o = order();
      const reply = await checkout(o.orderId, { form: true });
      expect(reply.status).toBe(303);
      expect(String(reply.headers.location).startsWith(sandbox.url)).toBe(true);
    });

    it('reuses the payment request id when the buyer retries checkout', async () => {
      const o = order();
      const first = JSON.parse((await checkout(o.orderId)).body) as { paymentRequestId: string };
      const again = await checkout(o.orderId);
      expect(again.status).toBe(200);
      expect((JSON.parse(again.body) as { paymentRequestId: string }).paymentRequestId).toBe(first.paymentRequestId);
    });

    it('answers 404 for an order the server does not know', async () => {
      expect((await checkout('ord_unknown')).status).toBe(404);
    });

    it('hands the status to the app on return and on polling after the buyer paid', async () => {
      const o = order();
      const { paymentRequestId, redirectUrl } = JSON.parse((await checkout(o.orderId)).body) as {
        paymentRequestId: string;
        redirectUrl: string;
      };
      const pollBefore = JSON.parse((await send(`${app.url}/api/orders/${o.orderId}/payment`, { method: 'GET' })).body);
      expect(pollBefore.paymentStatus).toBe('PROCESSING');
      const paid = await pressCashierButton(redirectUrl, 'cashier-pay');
      expect(paid.location, 'the cashier sends the buyer back to paymentRedirectUrl').toBe(
        `${app.url}/orders/${o.orderId}`,
      );
      const back = await send(paid.location!, { method: 'GET', headers: { accept: 'text/html' } });
      expect(back.status).toBe(200);
      expect(updates).toContainEqual(
        expect.objectContaining({ orderId: o.orderId, paymentRequestId, paymentStatus: 'SUCCESS' }),
      );
      const poll = await send(`${app.url}/api/orders/${o.orderId}/payment`, { method: 'GET' });
      expect(JSON.parse(poll.body)).toMatchObject({ orderId: o.orderId, paymentRequestId, paymentStatus: 'SUCCESS' });
    });

    it("receives the sandbox's signed PAYMENT_RESULT at notifyPath and acks it", async () => {
      const o = order();
      const { paymentRequestId, redirectUrl } = JSON.parse((await checkout(o.orderId)).body) as {
        paymentRequestId: string;
        redirectUrl: string;
      };
      await pressCashierButton(redirectUrl, 'cashier-pay');
      const deadline = Date.now() + 5_000;
      while (!notified.some((n) => n.paymentRequestId === paymentRequestId) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(notified.filter((n) => n.paymentRequestId === paymentRequestId)).toHaveLength(1);
      const record = sandbox.notifications
        .list()
        .find((r) => r.type === 'PAYMENT_RESULT' && r.body.includes(paymentRequestId));
      await expect.poll(() => record?.state, { timeout: 5_000 }).toBe('acked');
      expect(record!.url).toBe(`${app.url}/antom/notifications`);
    });

    it('refunds only behind the app authorisation: 401 without, 403 with another token, 202 with the right one', async () => {
      const o = order('800');
      const { redirectUrl } = JSON.parse((await checkout(o.orderId)).body) as { redirectUrl: string };
      await pressCashierButton(redirectUrl, 'cashier-pay');
      const url = `${app.url}/api/orders/${o.orderId}/refunds`;
      const body = JSON.stringify({ amount: { currency: 'USD', value: '300' } });
      const json = { 'content-type': 'application/json' };
      expect((await send(url, { headers: json, body })).status).toBe(401);
      expect((await send(url, { headers: { ...json, authorization: 'Bearer nope' }, body })).status).toBe(403);
      const ok = await send(url, { headers: { ...json, authorization: `Bearer ${adminToken}` }, body });
      expect(ok.status).toBe(202);
      const { refundRequestId } = JSON.parse(ok.body) as { refundRequestId: string };
      const refund = await client.payments.inquiryRefund({ refundRequestId });
      expect(refund.refundAmount).toEqual({ currency: 'USD', value: '300' });
    });
  });
}
