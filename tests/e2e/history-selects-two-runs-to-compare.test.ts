// Two runs made in the GUI appear in the History view; selecting both and pressing Compare shows them side by
// side with relative % and significance per model.
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, showView, startTinyRun, waitForRunEnd, useServedGui } from './harness.js';

describe('history and compare', () => {
  const gui = useServedGui('compare');

  it('lists both runs and compares them', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    const models = ['sequential', 'worker-threads', 'worker-pool'];
    await startTinyRun(page, { models, reps: 5 });
    await waitForRunEnd(page, 'completed');
    await startTinyRun(page, { models, reps: 5 });
    await waitForRunEnd(page, 'completed');

    await showView(page, 'History');
    await expect.poll(() => page.getByTestId('history-count').textContent()).toBe('2 runs');
    const rows = page.getByTestId('history-row');
    expect(await rows.count()).toBe(2);
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await screenshot(page, 'history');

    await page.getByRole('button', { name: /^Compare/ }).click();
    await page.getByTestId('compare-case').first().waitFor();
    const table = page.getByTestId('compare-case').first().locator('table');
    // One row per model, a baseline column and one relative column.
    expect(await table.locator('tbody tr').count()).toBe(models.length);
    expect(await table.textContent()).toMatch(/[+−±]\d+\.\d %/);
    expect(await table.textContent()).toMatch(/p = \d/);
    await screenshot(page, 'compare');

    // The per-core view swaps medians for median x threads: the numbers change.
    const before = await table.locator('tbody').textContent();
    await page.getByLabel(/Per-core normalised/).check();
    await expect.poll(() => table.locator('tbody').textContent()).not.toBe(before);

    // Opening a run from the history shows its stored results.
    await showView(page, 'History');
    await rows.nth(0).getByRole('button', { name: 'Open' }).click();
    await page.getByTestId('case-results').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
