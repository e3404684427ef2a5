// When the history database cannot be opened, the GUI's service (historyFallback) still starts: it says why
// on history:status, runs execute and are verified, and they can be listed, read, compared and exported as a
// bundle that a real history imports. Without the fallback (the CLI) the same file is an error naming it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import { openStore } from '../../../src/engine/store/index.js';
import type { RunEvent } from '../../../src/shared/results.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-no-history-');
afterAll(() => temp.cleanup());

const QUICK = {
  suite: 'custom',
  workloads: ['primes'],
  models: ['sequential', 'worker-pool'],
  limit: 20_000,
  memo: ['off'],
  reps: 2,
  warmup: 0,
} as const;

function notADatabase(): string {
  const file = path.join(temp.dir, `garbage-${Math.random().toString(36).slice(2)}.sqlite`);
  writeFileSync(
    file,
    'this is not an SQLite database, but a text file that happens to be here\n'.repeat(100),
  );
  return file;
}

test('without the fallback, a file that is not a database is an error naming it', async () => {
  const file = notADatabase();
  await expect(createBenchService({ dbPath: file, host: nodeHost() })).rejects.toThrow(file);
});

test('with the fallback, runs execute, show, compare and export; history:status says why nothing is saved', async () => {
  const file = notADatabase();
  const service = await createBenchService({ dbPath: file, host: nodeHost(), historyFallback: true });
  try {
    const status = await service.handle('history:status', undefined);
    expect(status.available).toBe(false);
    expect(status.file).toBe(file);
    expect(status.reason).toContain(file);

    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const done = new Promise<RunEvent>((resolve) => {
        const off = service.onRunEvent((event) => {
          if (event.type === 'done') {
            off();
            resolve(event);
          }
        });
      });
      const { runId } = await service.handle('run:start', QUICK);
      expect(await done).toMatchObject({ type: 'done', status: 'completed' });
      runIds.push(runId);
      // `done` is the last event; the slot frees once the runner has closed its sessions.
      while ((await service.handle('run:active', undefined)) !== null)
        await new Promise((r) => setTimeout(r, 20));
    }

    const page = await service.handle('history:list', {});
    expect(page.total).toBe(2);
    expect(page.runs.map((r) => r.id).sort()).toEqual([...runIds].sort());
    const record = await service.handle('history:get', { runId: runIds[0] });
    expect(record.results).toHaveLength(2);
    expect(record.results.every((r) => r.status === 'ok' && r.samples.every((s) => s.verification.ok))).toBe(
      true,
    );
    const comparison = await service.handle('history:compare', { runIds });
    expect(comparison.rows.length).toBeGreaterThan(0);

    // The export is a real bundle: a real history imports it, results intact.
    const { json } = await service.handle('history:export', { runIds });
    const store = openStore(path.join(temp.dir, 'elsewhere.sqlite'));
    try {
      expect(store.importBundle(json, 'memory export')).toMatchObject({ imported: 2, skipped: 0 });
      const stored = store.getRun(runIds[0]);
      expect(stored.status).toBe('completed');
      expect(stored.results.map((r) => [r.model, r.summary?.medianMs])).toEqual(
        record.results.map((r) => [r.model, r.summary?.medianMs]),
      );
    } finally {
      store.close();
    }
    // And importing it back into the session history adds nothing twice.
    expect(await service.handle('history:import', { json })).toMatchObject({ imported: 0, skipped: 2 });
  } finally {
    await service.close();
  }
});

test('an open history says so', async () => {
  const dbPath = path.join(temp.dir, 'fine.sqlite');
  const service = await createBenchService({ dbPath, host: nodeHost(), historyFallback: true });
  try {
    expect(await service.handle('history:status', undefined)).toEqual({
      available: true,
      file: dbPath,
      reason: null,
      fix: null,
    });
  } finally {
    await service.close();
  }
});
