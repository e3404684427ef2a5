// Cancelling from the page stops the run at once: done arrives as 'cancelled', every utility process the
// run started is gone, the history says cancelled, and the app is ready for the next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import type { RunEvent } from '../../src/shared/results.js';
import { startLongRun, survivors } from './support/long-run.js';
import { ShellProcess } from './support/shell.js';

describe('cancelling a run from the page', () => {
  let shell: ShellProcess;
  let runId: string;
  let done: Extract<RunEvent, { type: 'done' }>;
  let cancelledAtMs: number;
  beforeAll(async () => {
    shell = await ShellProcess.start();
    runId = await startLongRun(shell);
    cancelledAtMs = performance.now();
    expect(await shell.api('cancelRun', runId)).toEqual({ cancelled: true });
    done = await shell.waitFor(
      () => shell.events('done').find((event) => event.runId === runId),
      'done',
      30_000,
    );
  }, 120_000);
  afterAll(() => shell?.dispose());

  it('ends the run as cancelled, promptly', () => {
    expect(done.status).toBe('cancelled');
    expect(performance.now() - cancelledAtMs).toBeLessThan(30_000);
  });

  it('leaves no child process behind', async () => {
    expect(shell.spawnedPids.length).toBeGreaterThan(0);
    expect(await survivors(shell.spawnedPids)).toEqual([]);
    const children = await shell.order<Array<{ pid: number; alive: boolean; exitCode?: number }>>('children');
    expect(children.filter((child) => child.alive)).toEqual([]);
  });

  it('records the run as cancelled in the history', () => {
    const store = openStore(shell.dbPath);
    try {
      expect(store.getRun(runId).status).toBe('cancelled');
    } finally {
      store.close();
    }
  });

  it('has no active run afterwards', async () => {
    expect(await shell.api('activeRun')).toBeNull();
  });
});
