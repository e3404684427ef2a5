import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import type { ModelId } from '../../../src/shared/results.js';
import { fakeModel, fakeResolver, newFakeLog, type FakeLog } from '../../fixtures/fake-model.js';
import { tinySpec } from './helpers.js';

const MODELS: ModelId[] = ['sequential', 'async', 'worker-threads', 'worker-pool'];

async function timedOrder(seed: number): Promise<ModelId[][]> {
  const log: FakeLog = newFakeLog();
  const resolver = fakeResolver(Object.fromEntries(MODELS.map((id) => [id, fakeModel(id, {}, log)])));
  await runSuite({
    spec: tinySpec(MODELS, { reps: 6, warmup: 0, shuffleSeed: seed }),
    host: nodeHost(),
    onEvent: () => {},
    resolveModel: resolver,
  });
  const timed = log.calls.filter((c) => !c.warmup).map((c) => c.model);
  return Array.from({ length: 6 }, (_, rep) => timed.slice(rep * MODELS.length, (rep + 1) * MODELS.length));
}

describe('repetitions are interleaved and shuffled', () => {
  it('runs every model once per repetition, in an order that changes between repetitions', async () => {
    const reps = await timedOrder(7);
    for (const order of reps) expect([...order].sort()).toEqual([...MODELS].sort());
    expect(new Set(reps.map((o) => o.join(','))).size).toBeGreaterThan(1);
  });

  it('replays the same orders from the same seed', async () => {
    expect(await timedOrder(99)).toEqual(await timedOrder(99));
    expect(await timedOrder(99)).not.toEqual(await timedOrder(100));
  });
});
