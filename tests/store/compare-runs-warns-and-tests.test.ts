import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { compareRuns } from '../../src/engine/stats/compare.js';
import { createRecorder, openStore, type Store } from '../../src/engine/store/index.js';
import type { RunEvent } from '../../src/shared/results.js';
import { machine, result, spec, tempDir } from './fixtures.js';

const temp = tempDir();
let store: Store;

function record(runId: string, who: ReturnType<typeof machine>, walls: number[][], workers = 2): void {
  const rec = createRecorder(store, who, '0.1.0');
  const results = [
    result(0, 'sequential', walls[0]),
    result(0, 'worker-threads', walls[1]),
    result(1, 'sequential', walls[2]),
  ];
  const events: RunEvent[] = [
    {
      type: 'plan',
      runId,
      spec: { ...spec(), workers, reps: walls[0].length },
      totalSteps: 9,
      startedAt: '2024-07-01T00:00:00Z',
    },
    ...results.map((r): RunEvent => ({ type: 'result', runId, result: r })),
    { type: 'done', runId, status: 'completed', endedAt: '2024-07-01T00:01:00Z', results },
  ];
  for (const e of events) rec(e);
}

beforeAll(() => {
  store = openStore(path.join(temp.dir, 'history.sqlite'));
  const here = machine();
  const seven = (base: number, step = 0.1) => Array.from({ length: 7 }, (_, i) => base + i * step);
  record('base', here, [seven(20), seven(12, 0.01), seven(8)]);
  // Primes sequential 25% slower; worker-threads 1% slower (real but below the minimum effect); matrix equal.
  record('slower', here, [seven(25), seven(12.12, 0.01), seven(8)]);
  record('three-a', here, [
    [20, 20.1, 20.2],
    [12, 12.1, 12.2],
    [8, 8.1, 8.2],
  ]);
  record('three-b', here, [
    [30, 30.1, 30.2],
    [12, 12.1, 12.2],
    [8, 8.1, 8.2],
  ]);
  const other = machine(
    { runtime: { node: '22.1.0', v8: '12.4.254', electron: null, uv: '1.48.0' } },
    '99999999999999999999999999999999',
  );
  record('elsewhere', other, [seven(20), seven(12), seven(8)], 4);
});
afterAll(() => {
  store.close();
  temp.cleanup();
});

test('relative change, p-value and significance per (case, model), baseline first', () => {
  const c = compareRuns(store.getRuns(['base', 'slower']), { minEffectPct: 5 });
  expect(c.warnings).toEqual([]);
  const primesSeq = c.rows.find((r) => r.caseId.startsWith('primes') && r.model === 'sequential')!;
  const [baseCell, cell] = primesSeq.cells;
  expect(baseCell).toMatchObject({ runId: 'base', relativePct: null, pValue: null, significant: null });
  expect(cell!.relativePct).toBeCloseTo((25.3 / 20.3 - 1) * 100, 9); // medians of the seven repetitions
  expect(cell!.pMethod).toBe('exact');
  expect(cell!.pValue).toBeCloseTo(2 / 3432, 10); // 7 vs 7 fully separated
  expect(cell!.significant).toBe(true);
  const threads = c.rows.find((r) => r.caseId.startsWith('primes') && r.model === 'worker-threads')!
    .cells[1]!;
  expect(threads.pValue!).toBeLessThan(0.05);
  expect(threads.significant).toBe(false);
  expect(threads.perCoreMs).toBeCloseTo(12.15 * 2, 6);
  const matrix = c.rows.find((r) => r.caseId.startsWith('matrix'))!.cells[1]!;
  expect(matrix.relativePct).toBe(0);
  expect(matrix.significant).toBe(false);
});

test('three repetitions each: "not enough repetitions", never "no difference"', () => {
  const c = compareRuns(store.getRuns(['three-a', 'three-b']));
  const cell = c.rows[0].cells[1]!;
  expect(cell.relativePct).toBeCloseTo(49.5, 0);
  expect(cell.pValue).toBeCloseTo(0.1, 12);
  expect(cell.significant).toBeNull();
  expect(cell.note).toBe('not enough repetitions (3 vs 3: smallest possible p is 0.100)');
});

test('different machines, runtime versions and parameters are warned about', () => {
  const c = compareRuns(store.getRuns(['base', 'elsewhere']));
  expect(c.warnings).toContain('runs differ in Node version: 20.20.2 vs 22.1.0');
  expect(c.warnings).toContain('runs differ in V8 version: 11.3.244.8-node.30 vs 12.4.254');
  expect(c.warnings).toContain('parameters differ: workers 2 vs 4');
  expect(c.warnings.find((w) => w.startsWith('different machines: '))).toMatch(/aa11bb22.*99999999/);
});
