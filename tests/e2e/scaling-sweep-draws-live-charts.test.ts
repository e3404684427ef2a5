// The Run view starts a scaling sweep; the Scaling view draws speed-up and efficiency against workers
// while it streams (one line per model, the ideal line, CI bands), then the best counts and conclusions.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useServedGui } from './harness.js';
import { startScalingRun } from './scaling-helpers.js';

describe('scaling sweep in the GUI', () => {
  const gui = useServedGui('scaling');

  it('streams a sweep into the speed-up and efficiency charts', async () => {
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await startScalingRun(page, {
      fill: { 'Worker counts': '1,2,3', 'Primes limit at 1 worker': '200000' },
      models: ['worker-pool', 'shared-memory'],
      reps: 3,
      warmup: 0,
    });

    // Live: points appear in the speed-up chart while the run is still going.
    const chart = page.getByTestId('speedup-chart');
    const status = page.locator('section[aria-labelledby="scaling-title"] .badge');
    let sawLive = false;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const points = await chart.locator('circle').count();
      const text = (await status.textContent().catch(() => '')) ?? '';
      if (points > 0 && text.includes('running')) sawLive = true;
      if (text.includes('completed')) break;
      await page.waitForTimeout(100);
    }
    expect(sawLive).toBe(true);
    await expect.poll(() => status.textContent()).toContain('completed');

    // One line per model plus the ideal, each model with a point per count and a CI band.
    for (const model of ['worker-pool', 'shared-memory']) {
      const line = chart.locator(`path.line[data-series="${model}"]`);
      expect(((await line.getAttribute('d')) ?? '').match(/[ML]/g)).toHaveLength(3);
      expect(await chart.locator(`path.band[data-series="${model}"]`).count()).toBe(1);
    }
    expect(await chart.locator('path.line[data-series="ideal"]').count()).toBe(1);
    expect(await page.getByTestId('efficiency-chart').locator('path.line').count()).toBe(3);
    expect(await page.getByTestId('best-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('scaling-conclusions').textContent()).toMatch(/best worker count [123]/);
    expect(await screenshot(page, 'scaling-sweep')).toBeGreaterThan(10_000);

    // Save report: one HTML file with the sweep's charts drawn in it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save report' }).click(),
    ]);
    const saved = path.join(gui.temp.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const html = await readFile(saved, 'utf8');
    expect(html).toContain('Scaling sweep · primes');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
