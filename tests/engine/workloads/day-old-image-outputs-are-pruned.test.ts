import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { defaultImagesRoot, pruneImageOutputs } from '../../../src/engine/workloads/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder (with a file in it) whose modification time is `ageMs` ago. */
function folder(root: string, name: string, ageMs: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '000-x.png'), 'x');
  const when = new Date(Date.now() - ageMs);
  utimesSync(dir, when, when);
  return dir;
}

// Image outputs are kept a day: older run folders the engine made are removed when a run starts; anything
// else in the folder (newer runs, other people's files) is left alone.
describe('pruning image outputs', () => {
  it('removes only the engine folders older than a day', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cbench-prune-'));
    made.push(root);
    folder(root, 'run-old', DAY_MS + 60_000);
    folder(root, 'sequential-old', 2 * DAY_MS); // the layout before runs had their own folder
    folder(root, 'run-new', 60_000);
    folder(root, 'holiday-photos', 3 * DAY_MS);
    writeFileSync(path.join(root, 'run-notes.txt'), 'not a folder');
    const old = new Date(Date.now() - 3 * DAY_MS);
    utimesSync(path.join(root, 'run-notes.txt'), old, old);

    expect(await pruneImageOutputs(root)).toBe(2);
    expect(readdirSync(root).sort()).toEqual(['holiday-photos', 'run-new', 'run-notes.txt']);
  });

  it('is fine with a root that does not exist', async () => {
    expect(await pruneImageOutputs(path.join(os.tmpdir(), 'cbench-prune-missing-', 'nope'))).toBe(0);
  });

  it('happens in the default folder when a run starts', async () => {
    const root = defaultImagesRoot();
    mkdirSync(root, { recursive: true });
    const stale = folder(root, `run-prune-test-${process.pid}`, DAY_MS + 60_000);
    const fresh = folder(root, `run-prune-test-fresh-${process.pid}`, 0);
    made.push(stale, fresh);
    await runSuite({
      spec: {
        suite: 'custom',
        cases: [{ id: 'primes', params: { workload: 'primes', limit: 100, memo: 'off' } }],
        models: ['sequential'],
        workers: 1,
        reps: 1,
        warmup: 0,
        shuffleSeed: 1,
      },
      host: nodeHost(),
      onEvent: () => {},
    });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
