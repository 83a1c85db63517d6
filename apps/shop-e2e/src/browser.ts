import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export { chromiumPath, hasChromium, launchChromium as launchBrowser } from '@antomkit/test-support';

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Runs `fn` on a fresh page; on failure saves `test-results/<name>.png` and the page's URL in the error. */
export async function withPage(browser: Browser, name: string, fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await fn(page);
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    const file = `${resultsDir}${name.replace(/[^a-z0-9-]+/gi, '-')}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (error instanceof Error) error.message += `\n  at page ${page.url()}\n  screenshot: ${file}`;
    throw error;
  } finally {
    await context.close();
  }
}

/** Waits until the element's text is exactly `text` (the return page polls the order). */
export async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected,
    [testId, text] as const,
    { timeout: 15_000, polling: 100 },
  );
}
