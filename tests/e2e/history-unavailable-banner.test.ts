// A history that cannot be opened is said in the window, not only in a terminal: the banner names the file
// and the reason, and the GUI still runs a suite, shows it in History and exports it as a bundle.
import { writeFile, readFile } from 'node:fs/promises';
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

describe('history unavailable', () => {
  const gui = useBrowser('no-history');

  it('shows a banner with the reason, and runs still execute and export', async () => {
    const dbPath = path.join(gui.temp.dir, 'not-a-database.sqlite');
    await writeFile(dbPath, 'plain text, not SQLite\n'.repeat(200));
    const serve = await startServe(dbPath);
    try {
      const { page, errors, context } = await openPage(gui.browser, serve.url);
      const banner = page.getByTestId('history-unavailable');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('History is unavailable');
      expect(await banner.textContent()).toContain(dbPath);
      expect(await banner.textContent()).toContain('not an SQLite database');

      await startTinyRun(page, { models: ['sequential', 'worker-pool'], reps: 2 });
      await waitForRunEnd(page, 'completed');
      await screenshot(page, 'history-unavailable');
      await showView(page, 'History');
      await page.getByTestId('history-row').first().getByRole('checkbox').check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export bundle' }).click(),
      ]);
      const exported = path.join(gui.temp.dir, 'exported.json');
      await download.saveAs(exported);
      const bundle = JSON.parse(await readFile(exported, 'utf8')) as {
        runs: Array<{ status: string; results: Array<{ status: string }> }>;
      };
      expect(bundle.runs).toHaveLength(1);
      expect(bundle.runs[0].status).toBe('completed');
      expect(bundle.runs[0].results.map((r) => r.status)).toEqual(['ok', 'ok']);
      // The text file is still what it was: nothing was written over it.
      expect(await readFile(dbPath, 'utf8')).toBe('plain text, not SQLite\n'.repeat(200));
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await serve.close();
    }
  }, 120_000);
});
