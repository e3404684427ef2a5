// Cancel in the Run view stops a suite mid-way: the run ends as cancelled, and the form is usable again.
import { describe, expect, it } from 'vitest';
import { openPage, useServedGui } from './harness.js';

describe('cancelling a run', () => {
  const gui = useServedGui('cancel');

  it('ends the run as cancelled before all steps are done', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    // The scaled suite takes minutes, so it is surely still running when cancelled.
    await page.getByLabel('Scaled').check();
    await page.getByRole('button', { name: 'Start scaled run' }).click();
    await page.getByRole('button', { name: 'Cancel run' }).waitFor();
    await expect
      .poll(() => page.getByTestId('steps').textContent(), { timeout: 60_000 })
      .not.toMatch(/^0 \//);
    await page.getByRole('button', { name: 'Cancel run' }).click();

    await page.locator('.progress-head').getByText('cancelled', { exact: true }).waitFor({ timeout: 60_000 });
    const [done, total] = ((await page.getByTestId('steps').textContent()) ?? '')
      .split('/')
      .map((s) => Number(s.trim()));
    expect(done).toBeLessThan(total);
    await expect.poll(() => page.getByRole('button', { name: 'Start scaled run' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
