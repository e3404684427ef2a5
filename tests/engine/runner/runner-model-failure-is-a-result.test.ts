import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { tinySpec } from './helpers.js';

describe('a failing model', () => {
  it('a rejected run becomes a failed result with the reason; its session is closed; the others finish', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['sequential', 'worker-threads', 'process-pool'], { warmup: 0, reps: 3 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', {}, log),
        'worker-threads': fakeModel(
          'worker-threads',
          { rejectOnCall: 2, rejectMessage: 'worker 1 threw: boom' },
          log,
        ),
        'process-pool': fakeModel('process-pool', {}, log),
      }),
    });
    expect(outcome.status).toBe('completed');
    const failed = outcome.results.find((r) => r.model === 'worker-threads');
    expect(failed).toMatchObject({ status: 'failed', reason: 'worker 1 threw: boom' });
    expect(failed?.samples).toHaveLength(1);
    expect(log.calls.filter((c) => c.model === 'worker-threads')).toHaveLength(2);
    expect(
      outcome.results
        .filter((r) => r.status === 'ok')
        .map((r) => r.model)
        .sort(),
    ).toEqual(['process-pool', 'sequential']);
    expect(log.open.size).toBe(0);
  });

  it('a model that cannot open is a failed result naming why', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['sequential', 'shared-memory'], { warmup: 0, reps: 1 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', {}, log),
        'shared-memory': fakeModel('shared-memory', { openFails: 'SharedArrayBuffer unavailable' }, log),
      }),
    });
    expect(outcome.results.find((r) => r.model === 'shared-memory')).toMatchObject({
      status: 'failed',
      reason: 'could not start: SharedArrayBuffer unavailable',
    });
    expect(outcome.results.find((r) => r.model === 'sequential')?.status).toBe('ok');
  });
});
