import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { primesCase, tinySpec } from './helpers.js';

describe('result summary and warnings', () => {
  it('summarises wallMs, takes the median start-up, and warns about spread and outliers', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['worker-threads'], { warmup: 0, reps: 7 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({
        'worker-threads': fakeModel(
          'worker-threads',
          { cold: true, startupMs: 4, wallMs: [10, 10.5, 9.5, 10, 10.2, 10, 90] },
          log,
        ),
      }),
    });
    const result = outcome.results[0];
    expect(result.status).toBe('ok');
    expect(result.summary).toMatchObject({ n: 7, medianMs: 10, minMs: 9.5, maxMs: 90 });
    expect(result.summary?.outliers).toEqual([6]);
    expect(result.startupMs).toBe(4);
    expect(result.samples.map((s) => s.rep)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.warnings.join('\n')).toMatch(/1 outlier repetition \(rep 7\)/);
    expect(result.warnings.join('\n')).not.toMatch(/large spread/);
  });

  it('warns about a single repetition, a large spread and the warm memo', async () => {
    const log = newFakeLog();
    const single = await runSuite({
      spec: tinySpec(['sequential'], { warmup: 0, reps: 1, cases: [primesCase(2000, 'warm')] }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({ sequential: fakeModel('sequential', {}, log) }),
    });
    const warnings = single.results[0].warnings.join('\n');
    expect(warnings).toMatch(/only 1 repetition: no spread/);
    expect(warnings).toMatch(/memo warm/);

    const noisy = await runSuite({
      spec: tinySpec(['sequential'], { warmup: 0, reps: 4 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({ sequential: fakeModel('sequential', { wallMs: [10, 20, 10, 20] }, log) }),
    });
    expect(noisy.results[0].warnings.join('\n')).toMatch(/large spread: MAD is \d+% of the median/);
  });
});
