import { createServer, type Server } from 'node:http';
import { AntomClient } from '@antomkit/core';
import { hasChromium, launchChromium } from '@antomkit/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox';
import { startNotificationEndpoint } from '../test-helpers';

describe.skipIf(!hasChromium)('cashier and dashboard in Chromium', () => {
  let sandbox: Sandbox;
  let antom: AntomClient;
  let browser: Browser;
  let shop: Server;
  let shopUrl: string;
  let endpoint: Awaited<ReturnType<typeof startNotificationEndpoint>>;

  beforeAll(async () => {
    sandbox = await startSandbox({ merchantName: 'Mug & Co <Shop>' });
    endpoint = await startNotificationEndpoint(sandbox);
    antom = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
    shop = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Shop</title><p data-testid="back">back at ${req.url}</p>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await antom?.close();
    await sandbox?.close();
    await endpoint?.close();
    await new Promise((resolve) => shop?.close(resolve));
  });

  it('pays in the cashier, returns to the shop, then disputes and resends from the dashboard', async () => {
    const created = await antom.payments.pay({
      productCode: 'CASHIER_PAYMENT',
      paymentRequestId: 'browser-1',
      order: {
        referenceOrderId: 'o-7',
        orderDescription: 'Mug <b>set</b>',
        orderAmount: { currency: 'KRW', value: '25000' },
      },
      paymentAmount: { currency: 'KRW', value: '25000' },
      paymentMethod: { paymentMethodType: 'KAKAOPAY' },
      paymentRedirectUrl: `${shopUrl}/orders/o-7`,
      paymentNotifyUrl: `${endpoint.url}/notify`,
    } as any);

    const page = await browser.newPage();
    await page.goto(created.normalUrl!);
    expect(await page.getByTestId('cashier-merchant').textContent()).toBe('Mug & Co <Shop>');
    expect(await page.getByTestId('cashier-order').textContent()).toBe('Mug <b>set</b>');
    expect(await page.getByTestId('cashier-amount').textContent()).toBe('KRW 25,000');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL(`${shopUrl}/orders/o-7`);
    expect(await page.getByTestId('back').textContent()).toContain('/orders/o-7');
    await endpoint.waitFor((all) => all.some((n) => n.body.notifyType === 'PAYMENT_RESULT'));

    await page.goto(`${sandbox.url}/`);
    const row = page.locator(`tr[data-payment-id="${created.paymentId}"]`);
    expect(await row.textContent()).toContain('SUCCESS');
    expect(await page.getByTestId('notifications').textContent()).toContain('acked');

    await row.getByTestId('open-dispute').click();
    await page.waitForURL(`${sandbox.url}/`);
    expect(await page.getByTestId('disputes').textContent()).toContain(created.paymentId!);
    await endpoint.waitFor((all) => all.some((n) => n.body.disputeNotificationType === 'DISPUTE_CREATED'));

    const before = endpoint.received.length;
    await page.locator('tr[data-notification-id="ntf-1"]').getByTestId('resend').click();
    await page.waitForURL(`${sandbox.url}/`);
    expect(endpoint.received.length).toBe(before + 1);
    expect(await page.locator('tr[data-notification-id="ntf-1"]').textContent()).toContain('manual');

    await row.getByTestId('settle').click();
    await page.waitForURL(`${sandbox.url}/`);
    expect(sandbox.state.settlements.size).toBe(1);
    await page.close();
  }, 60_000);

  it('fails and cancels from the cashier buttons', async () => {
    const page = await browser.newPage();
    for (const [id, button, status] of [
      ['browser-fail', 'cashier-fail', 'FAIL'],
      ['browser-cancel', 'cashier-cancel', 'CANCELLED'],
    ] as const) {
      const created = await antom.payments.pay({
        productCode: 'CASHIER_PAYMENT',
        paymentRequestId: id,
        order: { referenceOrderId: id, orderAmount: { currency: 'USD', value: '100' } },
        paymentAmount: { currency: 'USD', value: '100' },
        paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
        paymentRedirectUrl: `${shopUrl}/orders/${id}`,
      } as any);
      await page.goto(created.normalUrl!);
      expect(await page.getByTestId('cashier-amount').textContent()).toBe('USD 1.00');
      await page.getByTestId(button).click();
      await page.waitForURL(`${shopUrl}/orders/${id}`);
      expect((await antom.payments.inquiryPayment({ paymentRequestId: id })).paymentStatus).toBe(status);
    }
    await page.close();
  }, 60_000);
});
