import { expect, test } from 'vitest';
import { CSV_COLUMNS, exportRun } from '../../../src/engine/export/index.js';
import type { RunReport } from '../../../src/shared/history.js';
import { machine, result, spec } from '../../store/fixtures.js';

const report = (): RunReport => ({
  runId: 'csv-run',
  suite: 'quick',
  status: 'completed',
  startedAt: '2024-01-01T00:00:00.000Z',
  endedAt: '2024-01-01T00:00:05.000Z',
  appVersion: '0.1.0',
  spec: spec(),
  machine: machine({ label: 'Lab, "east" rack' }),
  results: [
    result(0, 'sequential', [20, 21, 22]),
    result(0, 'worker-threads', [10, 10.5, 11]),
    result(1, 'sequential', [8, 8, 8], 'failed'),
  ],
});

test('csv has a header and one row per (run, case, model), quoting what needs it', () => {
  const lines = exportRun('csv', report()).trimEnd().split('\r\n');
  expect(lines[0]).toBe(CSV_COLUMNS.join(','));
  expect(lines).toHaveLength(4);
  const header = lines[0].split(',');
  const row = (i: number) =>
    Object.fromEntries(header.map((h, k) => [h, lines[i].split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[k]]));
  const threads = row(2);
  expect(threads).toMatchObject({
    run_id: 'csv-run',
    machine: '"Lab, ""east"" rack"',
    case_id: 'primes:limit=20000:memo=off',
    model: 'worker-threads',
    workers: '2',
    status: 'ok',
    n: '3',
    median_ms: '10.5',
    min_ms: '10',
    max_ms: '11',
    speedup_vs_sequential: '2',
    verified: 'yes',
  });
  const failed = row(3);
  expect(failed.status).toBe('failed');
  expect(failed.reason).toBe('wrong result: count 2261 != 2262');
  // No sequential baseline that succeeded on the matrix case: no speed-up rather than a made-up one.
  expect(failed.speedup_vs_sequential).toBe('');
});
