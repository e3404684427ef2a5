// A break-even search started from the Run view: the Scaling view draws time against size on log-log axes,
// sequential and one line per model, marks each crossing found, and writes why the others never pay off.
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useServedGui } from './harness.js';
import { SMALL_SEARCH, startScalingRun } from './scaling-helpers.js';

describe('break-even search in the GUI', () => {
  const gui = useServedGui('break-even');

  it('draws the log-log chart with the crossings marked', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await startScalingRun(page, SMALL_SEARCH);

    const status = page.locator('section[aria-labelledby="scaling-title"] .badge');
    await expect.poll(() => status.textContent(), { timeout: 240_000, interval: 200 }).toContain('completed');
    const chart = page.getByTestId('break-even-chart');
    for (const series of ['sequential', 'worker-pool', 'shared-memory']) {
      const d = (await chart.locator(`path.line[data-series="${series}"]`).getAttribute('d')) ?? '';
      // A model already faster at the smallest size is measured there only.
      expect((d.match(/[ML]/g) ?? []).length).toBeGreaterThanOrEqual(1);
    }
    // One mark per model that crosses; every model has a conclusion, crossing or not.
    const conclusions = (await page.getByTestId('scaling-conclusions').locator('li').allTextContents()).join(
      '\n',
    );
    const crossing = (conclusions.match(/pays off from about/g) ?? []).length;
    expect(await chart.locator('line.mark').count()).toBe(crossing);
    expect(conclusions).toMatch(/worker-pool: /);
    expect(conclusions).toMatch(/shared-memory: /);
    expect(await screenshot(page, 'scaling-break-even')).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
