// The whole desktop path at once: window.api.startRun in the page -> preload -> main handler -> engine
// (worker threads and utility processes) -> run events relayed to the page, progress throttled -> every
// result committed to a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import type { RunEvent } from '../../src/shared/results.js';
import { ShellProcess } from './support/shell.js';

describe('a quick suite started from the page', () => {
  let shell: ShellProcess;
  let runId: string;
  let done: Extract<RunEvent, { type: 'done' }>;
  beforeAll(async () => {
    shell = await ShellProcess.start();
    ({ runId } = await shell.api<{ runId: string }>('startRun', { suite: 'quick', reps: 2, warmup: 0 }));
    done = await shell.waitFor(
      () => shell.events('done').find((event) => event.runId === runId),
      'the done event',
      180_000,
    );
  }, 240_000);
  afterAll(() => shell?.dispose());

  it('completes with every model verified', () => {
    expect(done.status).toBe('completed');
    expect(done.results.length).toBeGreaterThanOrEqual(7);
    const failed = done.results.filter((result) => result.status !== 'ok');
    expect(failed.map((result) => `${result.caseId} ${result.model}: ${result.reason}`)).toEqual([]);
    for (const result of done.results) {
      expect(result.samples.every((sample) => sample.verification.ok)).toBe(true);
    }
  });

  it('streams the plan first, progress, one result per (case, model), and done last', () => {
    const events = shell.pushes.map((push) => push.event).filter((event) => event.runId === runId);
    expect(events[0].type).toBe('plan');
    expect(events.at(-1)?.type).toBe('done');
    expect(shell.events('progress').length).toBeGreaterThan(0);
    const results = shell.events('result').filter((event) => event.runId === runId);
    expect(results.map((event) => `${event.result.caseId}|${event.result.model}`).sort()).toEqual(
      done.results.map((result) => `${result.caseId}|${result.model}`).sort(),
    );
  });

  it('never relays progress for a model after its result', () => {
    const finished = new Set<string>();
    for (const { event } of shell.pushes) {
      if (event.type === 'result') finished.add(`${event.result.caseId}|${event.result.model}`);
      if (event.type === 'progress') expect(finished.has(`${event.caseId}|${event.model}`)).toBe(false);
    }
  });

  it('relays progress in at most ~30 flushes a second', () => {
    // Events of one flush arrive together; a new flush starts after a quiet gap.
    const flushes: number[] = [];
    const others: number[] = [];
    let last = -Infinity;
    for (const { atMs, event } of shell.pushes) {
      if (event.type !== 'progress') {
        others.push(atMs);
        continue;
      }
      if (atMs - last > 5) flushes.push(atMs);
      last = atMs;
    }
    expect(flushes.length).toBeGreaterThan(0);
    for (const start of flushes) {
      const inSecond = flushes.filter((t) => t >= start && t < start + 1000).length;
      // A result or plan flushes pending progress early, so each of those may add one.
      const early = others.filter((t) => t >= start && t < start + 1000).length;
      expect(inSecond).toBeLessThanOrEqual(31 + early);
    }
  });

  it('commits the run and every result to the SQLite file', () => {
    const store = openStore(shell.dbPath);
    try {
      const run = store.getRun(runId);
      expect(run.status).toBe('completed');
      expect(run.results.map((result) => `${result.caseId}|${result.model}`).sort()).toEqual(
        done.results.map((result) => `${result.caseId}|${result.model}`).sort(),
      );
      expect(run.results.every((result) => result.samples.length === 2)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('lists the run through window.api', async () => {
    const page = await shell.api<{ total: number; runs: Array<{ id: string }> }>('listRuns', {});
    expect(page.runs.map((run) => run.id)).toContain(runId);
  });
});
