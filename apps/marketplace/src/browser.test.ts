import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { hasChromium, launchChromium } from '@antomkit/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMarketplace, startMarketplace } from './start';

const ADMIN_TOKEN = 'browser-operator';

let m: RunningMarketplace;
let browser: Browser;

beforeAll(async () => {
  const dir = await mkdtemp(`${tmpdir()}/marketplace-browser-`);
  m = await startMarketplace({ env: { ADMIN_TOKEN, PORT: '0', DATA_DIR: dir }, timeScale: 5000 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await m?.close();
});

/** Reloads until the element's text matches (notifications arrive in the background). */
async function reloadUntil(page: Page, testId: string, expected: RegExp, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await page.getByTestId(testId).textContent()) ?? '';
    if (expected.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${testId} is "${text}", expected ${expected}`);
    await new Promise((r) => setTimeout(r, 100));
    await page.reload();
  }
}

async function operator(page: Page, button: string): Promise<void> {
  const form = page.locator('form', { has: page.getByTestId(button) });
  await form.getByTestId('admin-token').fill(ADMIN_TOKEN);
  await page.getByTestId(button).click();
  await page.waitForLoadState();
}

describe.skipIf(!hasChromium)('marketplace in Chromium', () => {
  it('onboards a seller, a buyer pays, settles 90/10, refunds, defends a dispute, reconciles', async () => {
    const page = await browser.newPage();
    await page.goto(m.url);
    await page.getByTestId('onboard-id').fill('teapots');
    await page.getByTestId('onboard-name').fill('Teapot Co');
    await page.getByTestId('onboard-login').fill('teapots@sellers.example');
    await page.getByTestId('onboard-legal-name').fill('Teapot Co Ltd');
    await page.getByTestId('onboard-submit').click();
    await page.waitForURL(`${m.url}/sellers/teapots`);
    await reloadUntil(page, 'seller-status', /^SUCCESSFUL$/);

    await page.getByTestId('buy').click();
    await page.waitForURL(/\/cashier\//);
    expect(await page.textContent('body')).toContain('USD 25.00');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL(/\/orders\//);
    await reloadUntil(page, 'order-status', /^PAID$/);
    const orderUrl = page.url();
    const earliest = Date.parse((await page.getByTestId('earliest-settlement').textContent()) ?? '');
    await new Promise((r) => setTimeout(r, Math.max(0, earliest - Date.now() + 5)));

    await operator(page, 'settle');
    await reloadUntil(page, 'settlement-status', /^SETTLED$/);
    expect(await page.getByTestId('settlement-SELLER').textContent()).toContain('USD 22.50');
    expect(await page.getByTestId('settlement-MARKETPLACE').textContent()).toContain('USD 2.50');

    await page.getByTestId('refund-amount').fill('500');
    await operator(page, 'refund');
    await reloadUntil(page, 'order-status', /^PARTIALLY_REFUNDED$/);
    expect(await page.getByTestId('refunds').textContent()).toContain('USD 5.00: SUCCESS');

    // The chargeback is opened on the sandbox dashboard; the app hears DISPUTE_CREATED.
    const paymentId = [...m.records.orders.values()][0]!.paymentId!;
    const dashboard = await browser.newPage();
    await dashboard.goto(`${m.sandbox!.url}/`);
    await dashboard.locator(`tr:has-text("${paymentId}")`).getByTestId('open-dispute').click();
    await dashboard.close();
    await page.goto(orderUrl);
    await reloadUntil(page, 'dispute-status', /^DISPUTE_CREATED$/);
    await operator(page, 'dispute-defend');
    await reloadUntil(page, 'dispute-status', /DISPUTE_JUDGED/);

    await page.goto(`${m.url}/sellers/teapots`);
    expect(await page.getByTestId('seller-balance').textContent()).toBe('USD 17.50');

    await page.goto(`${m.url}/reconciliation`);
    expect(await page.getByTestId('reconcile-ok').textContent()).toBe('OK');
    expect(await page.getByTestId('matched-payments').textContent()).toBe('1');
    expect(await page.getByTestId('matched-refunds').textContent()).toBe('1');
    expect(await page.getByTestId('disputes').textContent()).toBe('2');
    await page.close();
  }, 45_000);
});
