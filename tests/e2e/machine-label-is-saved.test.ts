// The Machine view shows what is recorded about this machine, and a label edited there is stored: it is
// still there after a reload.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, showView, startServe, tempDir, type Serve } from './harness.js';

describe('machine view', () => {
  let browser: Browser;
  let serve: Serve;
  let temp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    temp = await tempDir('machine');
    serve = await startServe(path.join(temp.dir, 'history.sqlite'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.close();
    await temp?.remove();
  });

  it('shows the recorded machine and keeps an edited label', async () => {
    const { page, errors, context } = await openPage(browser, serve.url);
    await showView(page, 'Machine');
    const table = page.locator('table');
    await table.waitFor();
    expect(await table.textContent()).toMatch(/Logical processors\d+/);
    expect(await table.textContent()).toContain(`Node / V8 / libuv`);

    await page.getByLabel('Label').fill('e2e test box');
    await page.getByRole('button', { name: 'Save label' }).click();
    await page.getByText('Saved.').waitFor();
    await screenshot(page, 'machine');

    await page.reload();
    await showView(page, 'Machine');
    await expect.poll(() => page.getByLabel('Label').inputValue()).toBe('e2e test box');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
