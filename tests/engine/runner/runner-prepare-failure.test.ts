import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { primesCase, tinySpec } from './helpers.js';

describe('a case that cannot be prepared', () => {
  it('fails each of its (case, model) results with the reason, and the next case still runs', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['sequential', 'async'], {
        warmup: 0,
        reps: 1,
        cases: [
          // prepareCase refuses relative image paths: a spec that skipped validation
          { id: 'images:bad', params: { workload: 'images', inputs: ['relative.jpg'], width: 8, height: 8 } },
          primesCase(2000),
        ],
      }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', {}, log),
        async: fakeModel('async', {}, log),
      }),
    });
    expect(outcome.status).toBe('completed');
    const bad = outcome.results.filter((r) => r.caseId === 'images:bad');
    expect(bad.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(bad[0].reason).toMatch(/^could not prepare the case: .*relative\.jpg/);
    expect(outcome.results.filter((r) => r.caseId !== 'images:bad').every((r) => r.status === 'ok')).toBe(
      true,
    );
    expect(log.calls.every((c) => c.caseId !== 'images:bad')).toBe(true);
  });
});
