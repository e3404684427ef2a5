import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/shared/history.js';
import { runCli, TINY } from './run-helpers.js';

describe('cbench run --json', () => {
  it('prints a parseable run document with verified results on stdout, the table on stderr, no ANSI', async () => {
    const result = await runCli([
      ...TINY,
      '--models',
      'sequential,worker-threads,shared-memory',
      '--workers',
      '2',
      '--json',
      '--no-save',
    ]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report).toMatchObject({
      suite: 'custom',
      status: 'completed',
      spec: { reps: 2, warmup: 0, workers: 2 },
    });
    expect(report.machine.cpu.threads).toBeGreaterThan(0);
    expect(report.results.map((r) => r.model).sort()).toEqual([
      'sequential',
      'shared-memory',
      'worker-threads',
    ]);
    for (const r of report.results) {
      expect(r.status).toBe('ok');
      expect(r.samples).toHaveLength(2);
      expect(r.samples.every((s) => s.verification.ok && s.wallMs > 0)).toBe(true);
      expect(r.expected?.values).toMatchObject({ count: 430 }); // pi(3000)
      expect(r.summary?.n).toBe(2);
    }
    // the table went to stderr, since stdout holds the document; not a TTY, so no colour codes anywhere
    expect(result.stderr).toMatch(/Median ± MAD/);
    expect(result.stderr).toMatch(/✓/);
    expect(result.stderr + result.stdout).not.toContain('\u001b[');
    expect(result.stderr).not.toMatch(/saved to/);
  });
});
