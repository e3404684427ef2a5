// The desktop app whose Electron build of better-sqlite3 is missing (the user's first `npm start` where the
// build could not be made): it still opens, history:status tells the window why nothing is saved and which
// command fixes it, and a run still executes, shows and exports. With the addon in place, history works.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../src/shared/ipc.js';
import type { RunRecord } from '../../src/shared/history.js';
import { ShellProcess } from './support/shell.js';

const ELECTRON_VERSION = '45.5.0';
const QUICK = {
  suite: 'custom',
  workloads: ['primes'],
  models: ['sequential'],
  limit: 20_000,
  reps: 2,
  warmup: 0,
};

describe('the desktop app without its SQLite addon', () => {
  const shells: ShellProcess[] = [];
  afterAll(() => shells.forEach((shell) => shell.dispose()));

  it('opens, says why history is unavailable and how to fix it, and still runs and exports', async () => {
    const missing = path.join(os.tmpdir(), `cbench-no-addon-${process.pid}`, 'better_sqlite3.node');
    const shell = await ShellProcess.start({
      env: { CBENCH_STUB_ELECTRON_VERSION: ELECTRON_VERSION, CBENCH_SQLITE_BINDING: missing },
    });
    shells.push(shell);
    const status = await shell.api<HistoryStatus>('historyStatus');
    expect(status.available).toBe(false);
    expect(status.reason).toContain(`built for Electron ${ELECTRON_VERSION} is missing`);
    expect(status.reason).toContain(missing);
    expect(status.fix).toBe('npm run rebuild:electron');

    const { runId } = await shell.api<{ runId: string }>('startRun', QUICK);
    const done = await shell.waitFor(
      () => shell.events('done').find((event) => event.runId === runId),
      'the done event',
      120_000,
    );
    expect(done.status).toBe('completed');
    const record = await shell.api<RunRecord>('getRun', runId);
    expect(record.results.map((r) => r.status)).toEqual(['ok']);
    const { json } = await shell.api<{ json: string }>('exportRuns', [runId]);
    const bundle = JSON.parse(json) as { runs: Array<{ id: string; results: unknown[] }> };
    expect(bundle.runs.map((r) => [r.id, r.results.length])).toEqual([[runId, 1]]);
  });

  it('with the Electron build of the addon in place, history is saved', async () => {
    // Under this Node, npm's build of the addon is the one that loads: it stands in for the Electron build.
    const nodeBuild = path.join(
      path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const shell = await ShellProcess.start({
      env: { CBENCH_STUB_ELECTRON_VERSION: ELECTRON_VERSION, CBENCH_SQLITE_BINDING: nodeBuild },
    });
    shells.push(shell);
    expect(await shell.api<HistoryStatus>('historyStatus')).toEqual({
      available: true,
      file: shell.dbPath,
      reason: null,
      fix: null,
    });
  });
});
