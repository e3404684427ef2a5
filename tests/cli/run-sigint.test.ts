import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import { startCli, tempDir } from './run-helpers.js';

function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const direct = out
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Ctrl-C during cbench run', () => {
  it('exits 130, prints what finished, leaves no child process, and marks the run cancelled', async () => {
    const dir = await tempDir();
    const db = path.join(dir, 'history.sqlite');
    // a fast primes case first, so results exist early; then a long matrix case with children alive
    const { child, done } = startCli([
      'run',
      '--suite',
      'custom',
      '--workloads',
      'primes,matrix',
      '--limit',
      '4000',
      '--size',
      '900',
      '--models',
      'sequential,process-pool,processes',
      '--reps',
      '8',
      '--warmup',
      '0',
      '--workers',
      '2',
      '--db',
      db,
      '--seed',
      '1',
    ]);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (stderr.split('\n').filter((line) => line.startsWith('✓ primes')).length < 3) {
      if (Date.now() > deadline) throw new Error(`no primes results within 60 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The matrix case's children start after the primes results: wait for them, not for a fixed time.
    let children = descendants(child.pid!);
    while (children.length === 0) {
      if (Date.now() > deadline) throw new Error(`no child process within 60 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      children = descendants(child.pid!);
    }
    expect(children.length).toBeGreaterThan(0);

    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted/);
    // the finished primes results are in the printed table
    expect(result.stdout).toMatch(/primes[\s\S]*sequential/);
    expect(result.stdout).toMatch(/✓/);

    // They go at once; the deadline is only generous so that a busy machine cannot fail the test.
    const gone = Date.now() + 15_000;
    while (children.some(alive) && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(children.filter(alive)).toEqual([]);

    const runId = /run (\S+) saved to/.exec(result.stderr)?.[1];
    expect(runId).toBeDefined();
    const store = openStore(db);
    try {
      const run = store.getRun(runId!);
      expect(run.status).toBe('cancelled');
      expect(run.results.filter((r) => r.caseId.startsWith('primes')).every((r) => r.status === 'ok')).toBe(
        true,
      );
      expect(
        run.results.filter((r) => r.caseId.startsWith('matrix')).every((r) => r.status === 'cancelled'),
      ).toBe(true);
    } finally {
      store.close();
    }
  });
});
