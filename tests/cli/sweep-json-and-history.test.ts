// A small real sweep through the CLI: the JSON document carries the run and its analysis, and the run is
// in the history as a sweep that `cbench show` analyses again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import type { SweepAnalysis } from '../../src/shared/scaling.js';
import { runCli, tempDir } from './run-helpers.js';

const SWEEP = [
  'sweep',
  '--workload',
  'primes',
  '--models',
  'worker-pool,shared-memory',
  '--workers',
  '1,2',
  '--limit',
  '30000',
  '--reps',
  '2',
  '--warmup',
  '0',
  '--seed',
  '5',
];

describe('cbench sweep', () => {
  it('writes the run with its analysis as JSON and records it as a sweep', async () => {
    const dir = await tempDir();
    const db = path.join(dir, 'history.sqlite');
    const result = await runCli([...SWEEP, '--json', '--db', db]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      runId: string;
      spec: { scaling: { kind: string } };
      results: unknown[];
      analysis: SweepAnalysis;
    };
    expect(doc.spec.scaling.kind).toBe('sweep');
    expect(doc.results).toHaveLength(5);
    expect(doc.analysis.kind).toBe('sweep');
    expect(doc.analysis.models.map((m) => m.model)).toEqual(['worker-pool', 'shared-memory']);
    for (const m of doc.analysis.models) {
      expect(m.points.map((p) => p.workers)).toEqual([1, 2]);
      expect(m.points[1].efficiency).toBeGreaterThan(0);
      expect([1, 2]).toContain(m.bestWorkers);
    }
    // The table went to stderr, with the conclusions.
    expect(result.stderr).toMatch(/Strong scaling, primes/);
    // Each finished point says its worker count.
    expect(result.stderr).toMatch(/✓ primes \(limit 30,000, memo off\) {2}worker-pool x2 {2}/);
    expect(result.stderr).toMatch(/- worker-pool: best worker count [12]/);

    const store = openStore(db);
    try {
      const summary = store.getSummary(doc.runId);
      expect(summary.kind).toBe('sweep');
      expect(store.listRuns({ kind: 'sweep' }).runs.map((r) => r.id)).toEqual([doc.runId]);
      expect(store.listRuns({ kind: 'suite' }).total).toBe(0);
    } finally {
      store.close();
    }

    const listed = await runCli(['history', '--kind', 'sweep', '--db', db]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${doc.runId.slice(0, 8)}.*sweep`));
    expect((await runCli(['history', '--kind', 'break-even', '--db', db])).stdout).toMatch(
      /no recorded run matches/,
    );

    const shown = await runCli(['show', doc.runId, '--csv', '--db', db]);
    expect(shown.code).toBe(0);
    const [header, ...rows] = shown.stdout.trim().split('\r\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['model', 'workers', 'efficiency', 'karp_flatt', 'best_workers']),
    );
    expect(rows).toHaveLength(4);
  });

  it('writes a break-even search as Markdown', async () => {
    const dir = await tempDir();
    const result = await runCli([
      'break-even',
      '--workload',
      'primes',
      '--models',
      'worker-pool',
      '--min-size',
      '2000',
      '--max-size',
      '64000',
      '--reps',
      '3',
      '--warmup',
      '1',
      '--markdown',
      '--no-save',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Break-even search: primes, \d+ workers, sizes 2000 to 64000/);
    expect(result.stdout).toMatch(/\| model \| verdict \| crossing_size/);
    expect(result.stdout).toMatch(/\| worker-pool \| (crosses|always|never) \|/);
    expect(result.stderr).toMatch(/Break-even against sequential/);
    void dir;
  });
});
