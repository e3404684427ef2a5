// "Save report" on the Results view downloads one HTML report of the run; dropped on another history's
// import zone, the report brings the run back (a report is also a bundle).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  openPage,
  screenshot,
  showView,
  startServe,
  startTinyRun,
  useBrowser,
  waitForRunEnd,
} from './harness.js';

describe('reports from the GUI', () => {
  const gui = useBrowser('report');

  it('saves a report from Results, and the report imports into another history', async () => {
    const reportPath = path.join(gui.temp.dir, 'report.html');
    let runId = '';
    const first = await startServe(path.join(gui.temp.dir, 'first.sqlite'));
    try {
      const { page, errors, context } = await openPage(gui.browser, first.url);
      await startTinyRun(page, { models: ['sequential', 'worker-pool'], reps: 2 });
      await waitForRunEnd(page, 'completed');
      await page.getByRole('button', { name: 'See results' }).click();
      await page.getByTestId('case-results').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Save report' }).click(),
      ]);
      await download.saveAs(reportPath);
      expect(download.suggestedFilename()).toMatch(/^cbench-report-.*\.html$/);
      await page.getByText(/^Saved cbench-report-/).waitFor();
      await screenshot(page, 'results-save-report');
      runId = /cbench-report-(\w+)\.html/.exec(download.suggestedFilename())![1];
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await first.close();
    }
    const html = await readFile(reportPath, 'utf8');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('id="cbench-bundle"');

    const second = await startServe(path.join(gui.temp.dir, 'second.sqlite'));
    try {
      const { page, errors, context } = await openPage(gui.browser, second.url);
      await showView(page, 'History');
      await page.getByTestId('bundle-drop').locator('input[type="file"]').setInputFiles(reportPath);
      await expect
        .poll(() => page.getByTestId('history-notice').textContent())
        .toMatch(/imported 1, skipped 0/);
      expect(await page.getByTestId('history-row').first().getAttribute('data-run-id')).toMatch(
        new RegExp(`^${runId}`),
      );
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await second.close();
    }
  }, 180_000);
});
