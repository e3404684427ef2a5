// A break-even search started from the Run view: the Scaling view draws time against size on log-log axes,
// sequential and one line per model, marks each crossing found, and writes why the others never pay off.
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useServedGui } from './harness.js';

describe('break-even search in the GUI', () => {
  const gui = useServedGui('break-even');

  it('draws the log-log chart with the crossings marked', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await page.locator('input[name="suite"][value="scaling"]').check();
    const options = page.getByTestId('scaling-options');
    await options.getByLabel('break-even over sizes').check();
    await options.getByLabel('Smallest size').fill('2000');
    await options.getByLabel('Largest size').fill('128000');
    const models = page.getByRole('group', { name: 'Models' });
    for (const box of await models.getByRole('checkbox').all()) {
      const name = ((await box.evaluate((el) => el.parentElement?.textContent ?? '')) as string).trim();
      if (name === 'worker-pool' || name === 'shared-memory') await box.check();
      else await box.uncheck();
    }
    await page.getByLabel('Repetitions', { exact: true }).fill('3');
    await page.getByLabel('Warm-up', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Start scaling run' }).click();
    await page.getByRole('button', { name: 'Watch the charts' }).click();

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
