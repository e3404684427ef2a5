import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { renderResultsTable } from '../../src/cli/table.js';
import type { ModelResult } from '../../src/shared/results.js';

function result(model: ModelResult['model'], warnings: string[]): ModelResult {
  return {
    caseId: 'primes:limit=1000:memo=warm',
    workload: 'primes',
    model,
    params: { workload: 'primes', limit: 1000, memo: 'warm' },
    workers: 2,
    status: 'ok',
    samples: [],
    warnings,
  };
}

describe('the results table', () => {
  it('prints a warning shared by several rows once, and every such row cites the same note', () => {
    const memo = 'memo warm: the cache was filled before timing';
    const text = renderResultsTable(
      [
        result('sequential', [memo]),
        result('async', ['large spread: MAD is 12% of the median', memo]),
        result('worker-pool', [memo]),
      ],
      pc.createColors(false),
    );
    const noteLines = text.split('\n').filter((line) => /^\[\d+\] /.test(line));
    expect(noteLines).toEqual([`[1] ${memo}`, '[2] large spread: MAD is 12% of the median']);
    const rows = text.split('\n').filter((line) => /sequential|async|worker-pool/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.includes('sequential'))).toMatch(/\[1\]/);
    expect(rows.find((r) => r.includes('async'))).toMatch(/\[2\] \[1\]/);
    expect(rows.find((r) => r.includes('worker-pool'))).toMatch(/\[1\]/);
  });
});
