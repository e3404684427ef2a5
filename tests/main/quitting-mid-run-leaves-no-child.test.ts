// Quitting the app, or closing its last window, in the middle of a run: the run is cancelled, the app waits
// for every child to be gone and the database to be closed, and only then exits (code 0), leaving no
// orphaned process and a history that says what happened.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import { startLongRun, survivors } from './support/long-run.js';
import { ShellProcess } from './support/shell.js';

describe('stopping the app mid-run', () => {
  let shell: ShellProcess | undefined;
  afterEach(() => shell?.dispose());

  it.each([
    ['app.quit() (Cmd+Q, the menu)', 'quit'],
    ['closing the last window', 'closeWindow'],
  ])(
    '%s cancels the run and exits with no child left',
    async (_how, order) => {
      shell = await ShellProcess.start();
      const runId = await startLongRun(shell);
      const pids = [...shell.spawnedPids];
      await shell.order(order);
      const { code, signal } = await shell.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      // The app waited: nothing it started was still running when it ended.
      expect(shell.exiting).toEqual({ code: 0, aliveChildren: [] });
      expect(await survivors([...pids, ...shell.spawnedPids], 2_000)).toEqual([]);
      const store = openStore(shell.dbPath);
      try {
        expect(store.getRun(runId).status).toBe('cancelled');
      } finally {
        store.close();
      }
    },
    120_000,
  );

  it('SIGTERM to the main process goes through the same clean shutdown', async () => {
    shell = await ShellProcess.start();
    await startLongRun(shell);
    process.kill(shell.pid, 'SIGTERM');
    const { code } = await shell.exited;
    expect(code).toBe(0);
    expect(shell.exiting).toEqual({ code: 0, aliveChildren: [] });
    expect(await survivors(shell.spawnedPids, 2_000)).toEqual([]);
  }, 120_000);
});
