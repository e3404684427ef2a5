// The Machine view shows what is recorded about this machine, and a label edited there is stored: it is
// still there after a reload.
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, showView, useServedGui } from './harness.js';

describe('machine view', () => {
  const gui = useServedGui('machine');

  it('shows the recorded machine and keeps an edited label', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
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
