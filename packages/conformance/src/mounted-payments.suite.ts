import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './antom';
import { pressCashierButton } from './payments.suite';
import { type SandboxClient, startSandboxClient } from './support';
import type { AdapterUnderTest, MountedPaymentsSetup, RunningMountedPayments } from './types';

/** What an adapter adds around core's payment flow: mounts, its request's client, hand-on, onReturn, body parsers, errors. */
export function describeMountedPayments(adapter: AdapterUnderTest) {
  const start = adapter.startMountedPayments;
  if (!start) return;
  describe('payment routes under a mount path, against the local sandbox', () => {
    let antom: SandboxClient;
    let app: RunningMountedPayments;
    const orders = new Map([['o1', { orderId: 'o1', amount: { currency: 'USD', value: '4200' }, description: 'Tea' }]]);

    beforeAll(async () => {
      antom = await startSandboxClient();
      const setup: MountedPaymentsSetup = {
        client: antom.client,
        notifyPath: '/antom/notifications',
        callbacks: (header) => ({
          agentToken: (req) => header(req, 'x-merchant') || undefined,
          resolveOrder: (orderId) => {
            if (orderId === 'boom') throw new Error('database down');
            return orders.get(orderId);
          },
          onPaymentStatus: () => {},
          authorizeRefund: (req) => header(req, 'authorization') === 'Bearer admin',
        }),
      };
      app = await start(setup);
    });
    afterAll(async () => {
      await app?.close();
      await antom?.close();
    });

    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      send(app.url + path, { headers: { 'content-type': 'application/json', ...headers }, body });

    it('returns the buyer under the mount path, hands the status on to the page, or lets onReturn answer', async () => {
      const { mount, custom } = app.mounts;
      const checkout = JSON.parse((await post(`${mount}/api/orders/o1/checkout`, '{}')).body) as {
        redirectUrl: string;
      };
      const paid = await pressCashierButton(checkout.redirectUrl, 'cashier-pay');
      expect(paid.location).toBe(`${app.url}${mount}/orders/o1`);
      const page = await send(paid.location!, { method: 'GET' });
      expect(JSON.parse(page.body)).toEqual({ status: 'SUCCESS' });
      const back = await send(`${app.url}${custom}/orders/o1`, { method: 'GET' });
      expect([back.status, back.headers.location]).toEqual([303, '/thanks?status=SUCCESS']);
    });

    it("calls Antom with the request's own client (Agent-Token), in the routes and in antomClient()", async () => {
      const merchant = (id: string) => ({ method: 'GET', headers: { 'x-merchant': id } });
      await send(`${app.url}${app.mounts.mount}/api/orders/o1/payment`, merchant('merchant-7'));
      expect(antom.agentTokens.at(-1)).toBe('merchant-7');
      expect(JSON.parse((await send(`${app.url}/whoami`, merchant('merchant-8'))).body)).toEqual({ view: true });
      expect(JSON.parse((await send(`${app.url}/whoami`, { method: 'GET' })).body)).toEqual({ view: false });
    });

    it("reads the refund body from the stream, or takes a body parser's object; an oversize one closes", async () => {
      const admin = { authorization: 'Bearer admin' };
      const refunds = `${app.mounts.mount}/api/orders/o1/refunds`;
      const huge = await post(refunds, `{"pad":"${'x'.repeat(64 * 1024)}"}`, admin);
      expect([huge.status, huge.headers.connection]).toEqual([413, 'close']);
      expect((await post(refunds, 'amount=200', admin)).status).toBe(400);
      for (const mount of [app.mounts.mount, app.mounts.parsed]) {
        const ok = await post(`${mount}/api/orders/o1/refunds`, '{"amount":{"currency":"USD","value":"200"}}', admin);
        expect(ok.status).toBe(202);
        const { refundRequestId } = JSON.parse(ok.body) as { refundRequestId: string };
        expect((await antom.client.payments.inquiryRefund({ refundRequestId })).refundAmount?.value).toBe('200');
      }
    });

    it("leaves the app's own errors to the framework's error handling", async () => {
      const reply = await send(`${app.url}${app.mounts.mount}/api/orders/boom/payment`, { method: 'GET' });
      expect(reply.status).toBe(500);
      expect(app.errors).toEqual([expect.objectContaining({ message: 'database down' })]);
    });
  });
}
