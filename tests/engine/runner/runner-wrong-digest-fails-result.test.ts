import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { collect, ofType, tinySpec } from './helpers.js';

describe('verification', () => {
  it('a wrong digest fails the whole (case, model) however fast, and the suite goes on', async () => {
    const log = newFakeLog();
    const { events, onEvent } = collect();
    const outcome = await runSuite({
      spec: tinySpec(['sequential', 'processes'], { warmup: 0, reps: 3 }),
      host: nodeHost(),
      onEvent,
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', { wallMs: [50] }, log),
        // fast, but its second repetition returns a wrong count
        processes: fakeModel('processes', { wallMs: [1], wrongDigestOnCall: 2 }, log),
      }),
    });
    expect(outcome.status).toBe('completed');
    const bad = outcome.results.find((r) => r.model === 'processes');
    expect(bad?.status).toBe('failed');
    expect(bad?.reason).toMatch(/^wrong result: /);
    expect(bad?.summary).toBeUndefined();
    // the offending sample is kept with its verification, so the wrong digest can be inspected
    expect(bad?.samples.at(-1)?.verification.ok).toBe(false);
    expect(log.calls.filter((c) => c.model === 'processes')).toHaveLength(2);
    expect(log.closed).toContain('processes');

    const good = outcome.results.find((r) => r.model === 'sequential');
    expect(good?.status).toBe('ok');
    expect(good?.samples.every((s) => s.verification.ok)).toBe(true);
    expect(ofType(events, 'progress').at(-1)?.completedSteps).toBe(6);
  });

  it('a wrong digest in a warm-up run fails the result too', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['async'], { warmup: 1, reps: 2 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({ async: fakeModel('async', { wrongDigestOnCall: 1 }, log) }),
    });
    expect(outcome.results[0]).toMatchObject({ status: 'failed' });
    expect(outcome.results[0].reason).toMatch(/wrong result: .*warm-up/);
  });
});
