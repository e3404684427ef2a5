import { expect, test } from 'vitest';
import { exportRun } from '../../../src/engine/export/index.js';
import type { RunReport } from '../../../src/shared/history.js';
import { machine, result, spec } from '../../store/fixtures.js';

test('markdown has the article-style table (tests x models) and per-case details with facts', () => {
  const report: RunReport = {
    runId: 'md-run',
    suite: 'quick',
    status: 'completed',
    startedAt: '2024-01-01T00:00:00.000Z',
    endedAt: null,
    appVersion: '0.1.0',
    spec: spec(),
    machine: machine({ label: 'Desk | box' }),
    results: [
      result(0, 'sequential', [1200, 1250, 1300]),
      result(0, 'worker-threads', [640, 650, 660]),
      result(1, 'sequential', [8, 8.2, 8.4]),
      result(1, 'worker-threads', [5, 5.1, 5.2], 'failed'),
    ],
  };
  const md = exportRun('markdown', report);
  expect(md).toContain('# Concurrency Bench run md-run');
  expect(md).toContain(
    '- Machine: Desk | box, AMD EPYC, 2 cores / 2 threads, 23.5 GiB, Debian GNU/Linux 12 (x64)',
  );
  expect(md).toContain('- Runtime: Node 20.20.2, V8 11.3.244.8-node.30; app 0.1.0');
  expect(md).toContain('| Test | sequential | worker-threads |');
  expect(md).toContain('| primes:limit=20000:memo=off | 1.25 s | 650 ms |');
  expect(md).toContain('| matrix:size=128:kernel=tuned | 8.20 ms | failed |');
  expect(md).toContain(
    '| worker-threads | 2 | 650 ms | 0.40 ms | 640 ms – 660 ms | 640 ms | 660 ms | 1.92× | yes |  |',
  );
  expect(md).toContain('wrong result: count 2261 != 2262');
  // Facts only: no verdicts.
  expect(md).not.toMatch(/fastest|winner|recommend/i);
});
