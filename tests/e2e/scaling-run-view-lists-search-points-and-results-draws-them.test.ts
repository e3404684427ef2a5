// A break-even search adds sizes as it goes: the Run view's progress lists each one (with its rows) as it
// starts, not only the plan's first size. Once stored, the Results view shows a sweep or a search as its
// charts and conclusions, with the per-point tables folded away beneath.
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, showView, useServedGui } from './harness.js';
import { SMALL_SEARCH, startScalingRun } from './scaling-helpers.js';

describe('scaling runs in the Run and Results views', () => {
  const gui = useServedGui('scaling-results');

  it('lists every size a search measures, then draws the stored search and sweep in Results', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await startScalingRun(page, { ...SMALL_SEARCH, stay: true });

    // The plan names one size; the search adds more, and each shows up while the run is still going.
    const titles = page.locator('.case-title');
    const badge = page.locator('.progress-head .badge');
    await expect.poll(() => titles.count(), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    const during = await titles.allTextContents();
    expect(during[0]).toMatch(/2,000|2000/);
    expect(await page.getByTestId('progress-row').count()).toBeGreaterThanOrEqual(3);
    if ((await badge.textContent())?.includes('running'))
      await screenshot(page, 'run-view-break-even-search');

    await expect.poll(() => badge.textContent(), { timeout: 240_000, interval: 200 }).toContain('completed');
    // Every size measured is listed, each with sequential and the models measured there.
    const sizes = new Set((await titles.allTextContents()).map((t) => t.replace(/ · measured again$/, '')));
    expect(sizes.size).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('progress-row').count()).toBeGreaterThanOrEqual(2 * sizes.size);
    // Each row counts against its own point's repetitions (sized by time), including points whose progress
    // the transport's throttling never showed: "25/25 reps", never "25/3".
    for (const text of await page.getByTestId('progress-row').locator('.rep').allTextContents()) {
      const [done, total] = (/(\d+)\/(\d+) reps/.exec(text) ?? []).slice(1);
      expect(done).toBe(total);
    }

    // Results of the stored search: the break-even chart and conclusions, the points folded away.
    await showView(page, 'History');
    await page.getByTestId('history-row').first().getByRole('button', { name: 'Open' }).click();
    const scaling = page.getByTestId('results-scaling');
    await scaling.getByTestId('break-even-chart').waitFor();
    expect(await scaling.getByTestId('scaling-conclusions').locator('li').count()).toBe(2);
    expect(await page.getByTestId('case-results').first().isVisible()).toBe(false);
    expect(await page.locator('details.points > summary').textContent()).toMatch(/Every measured point/);

    // A small sweep, opened from the history: speed-up and efficiency charts, not a table of cases.
    await showView(page, 'Run');
    await startScalingRun(page, {
      check: ['sweep over workers'],
      fill: { 'Worker counts': '1,2', 'Primes limit at 1 worker': '100000' },
      models: ['worker-pool'],
      reps: 3,
      warmup: 0,
      stay: true,
    });
    await expect.poll(() => badge.textContent(), { timeout: 240_000, interval: 200 }).toContain('completed');
    await showView(page, 'History');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    await page.getByTestId('history-row').first().getByRole('button', { name: 'Open' }).click();
    await scaling.getByTestId('speedup-chart').waitFor();
    await scaling.getByTestId('efficiency-chart').waitFor();
    expect(await scaling.getByTestId('best-table').locator('tbody tr').count()).toBe(1);
    expect(await screenshot(page, 'results-view-sweep')).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
