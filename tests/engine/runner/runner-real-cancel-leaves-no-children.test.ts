import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';

function childPids(): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('cancelling a run of the real process models', () => {
  it('returns cancelled promptly and leaves no child process alive', async () => {
    const controller = new AbortController();
    let seen: number[] = [];
    let abortAt = 0;
    const run = runSuite({
      spec: {
        suite: 'custom',
        cases: [
          {
            id: 'matrix:size=600:kernel=tuned',
            params: { workload: 'matrix', size: 600, seed: 1, kernel: 'tuned' },
          },
        ],
        models: ['sequential', 'processes', 'process-pool'],
        workers: 2,
        reps: 50,
        warmup: 0,
        shuffleSeed: 1,
      },
      host: nodeHost(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.phase === 'start' && event.rep === 2) {
          // mid-run: every model has its children up; abort a moment into this repetition
          seen = childPids();
          setTimeout(() => {
            abortAt = Date.now();
            controller.abort();
          }, 30);
        }
      },
    });
    const outcome = await run;
    const endedAt = Date.now();
    expect(outcome.status).toBe('cancelled');
    // 50 repetitions of three models would take far longer than this; the bound is loose for busy machines.
    expect(endedAt - abortAt).toBeLessThan(5_000);
    expect(seen.length).toBeGreaterThan(0);
    while (seen.some(alive) && Date.now() - endedAt < 15_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.filter(alive)).toEqual([]);
    expect(outcome.results.every((r) => r.status === 'cancelled')).toBe(true);
    expect(outcome.results.some((r) => r.samples.length >= 1)).toBe(true);
  });
});
