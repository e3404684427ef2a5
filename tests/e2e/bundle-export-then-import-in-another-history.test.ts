// A run exported from one history as a bundle (download) is imported into another by the file picker, and
// dropping the same bundle again skips it instead of duplicating it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dropFiles,
  openPage,
  screenshot,
  showView,
  startServe,
  startTinyRun,
  useBrowser,
  waitForRunEnd,
} from './harness.js';

describe('bundles', () => {
  const gui = useBrowser('bundle');

  it('exports from one history and imports into another', async () => {
    const bundlePath = path.join(gui.temp.dir, 'exported.json');
    const first = await startServe(path.join(gui.temp.dir, 'first.sqlite'));
    try {
      const { page, errors, context } = await openPage(gui.browser, first.url);
      await startTinyRun(page, { models: ['sequential', 'worker-threads'], reps: 3 });
      await waitForRunEnd(page, 'completed');
      await showView(page, 'History');
      await page.getByTestId('history-row').first().getByRole('checkbox').check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export bundle' }).click(),
      ]);
      await download.saveAs(bundlePath);
      expect(download.suggestedFilename()).toMatch(/\.json$/);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await first.close();
    }
    const bundle = JSON.parse(await readFile(bundlePath, 'utf8')) as {
      format: string;
      runs: Array<{ id: string }>;
    };
    expect(bundle.format).toBe('concurrency-bench/bundle');
    expect(bundle.runs).toHaveLength(1);

    const second = await startServe(path.join(gui.temp.dir, 'second.sqlite'));
    try {
      const { page, errors, context } = await openPage(gui.browser, second.url);
      await showView(page, 'History');
      await expect.poll(() => page.getByTestId('history-count').textContent()).toBe('0 runs');

      await page.getByTestId('bundle-drop').locator('input[type="file"]').setInputFiles(bundlePath);
      await expect
        .poll(() => page.getByTestId('history-notice').textContent())
        .toMatch(/imported 1, skipped 0/);
      await expect.poll(() => page.getByTestId('history-count').textContent()).toBe('1 run');
      expect(await page.getByTestId('history-row').first().getAttribute('data-run-id')).toBe(
        bundle.runs[0].id,
      );

      // The same bundle dropped onto the import zone: nothing is duplicated.
      await dropFiles(page, 'bundle-drop', [
        { name: 'again.json', type: 'application/json', bytes: await readFile(bundlePath) },
      ]);
      await expect
        .poll(() => page.getByTestId('history-notice').textContent())
        .toMatch(/imported 0, skipped 1/);
      expect(await page.getByTestId('history-count').textContent()).toBe('1 run');

      // A file that is not a bundle is refused with a reason naming it.
      await page
        .getByTestId('bundle-drop')
        .locator('input[type="file"]')
        .setInputFiles({
          name: 'notes.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{"hello": "world"}'),
        });
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/notes\.json/);
      await screenshot(page, 'history-import');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await second.close();
    }
  }, 240_000);
});
