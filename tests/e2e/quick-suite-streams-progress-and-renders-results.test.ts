// The Run view starts the quick suite, shows progress moving while it streams, and the Results view then
// draws the charts, the verification badges and conclusions computed from the numbers.
import { describe, expect, it } from 'vitest';
import { canvasPaint, openPage, screenshot, showView, waitForCharts, useServedGui } from './harness.js';

describe('quick suite in the GUI', () => {
  const gui = useServedGui('quick');

  it('streams progress, then shows verified results with charts and conclusions', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await page.getByRole('button', { name: 'Start quick run' }).click();

    // Progress moves: the step counter takes at least three different values before the run ends.
    const steps = page.getByTestId('steps');
    const seen = new Set<string>();
    let shot = false;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      seen.add((await steps.textContent()) ?? '');
      if (!shot && seen.size >= 4) {
        await screenshot(page, 'run-progress');
        shot = true;
      }
      if (await page.getByRole('button', { name: 'See results' }).isVisible()) break;
      await page.waitForTimeout(100);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('.progress-head').textContent()).toContain('completed');
    // One row per (case, model): the quick suite runs 3 cases on all 7 models.
    expect(await page.getByTestId('progress-row').count()).toBe(21);
    expect(await page.getByTestId('delay').textContent()).toMatch(/ms$/);

    await page.getByRole('button', { name: 'See results' }).click();
    await page.getByTestId('case-results').first().waitFor();
    expect(await page.getByTestId('case-results').count()).toBe(3);
    // Every model verified on this machine: the badges say so, and no failure reason is shown.
    expect(await page.getByText('verified', { exact: true }).count()).toBe(21);
    // Conclusions name the winner with a time and a unit.
    const conclusion = (await page.getByTestId('conclusions').first().textContent()) ?? '';
    expect(conclusion).toMatch(/is fastest at [\d.]+ (ms|s)/);
    expect(await page.getByTestId('run-conclusion').textContent()).toMatch(/Fastest model per case/);

    // The first chart really drew bars: its canvas has coloured pixels.
    await waitForCharts(page);
    const painted = await canvasPaint(page, '[data-testid="case-results"] canvas');
    expect(painted.width).toBeGreaterThan(200);
    expect(painted.painted).toBeGreaterThan(1000);
    await screenshot(page, 'results');

    // The same results in the dark theme, opened by link (the hash names the run).
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#\/results\/\S+/);
    const dark = await openPage(gui.browser, `${gui.serve.url}${hash}`, 'dark');
    await dark.page.getByTestId('case-results').first().waitFor();
    await screenshot(dark.page, 'results-dark');
    expect(dark.errors).toEqual([]);
    await dark.context.close();

    await showView(page, 'Run');
    await screenshot(page, 'run-done');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
