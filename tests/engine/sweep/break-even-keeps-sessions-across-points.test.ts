// A break-even search runs every point at one worker count, so each model's session (a pool, a long-lived
// child) is opened once and kept from point to point, and every session is closed before the run is done.
// Real models here: the search's pools and children are real, and none may be left behind.
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { getModel } from '../../../src/engine/models/index.js';
import type { Model, ModelSession } from '../../../src/engine/models/types.js';
import { buildBreakEvenSpec } from '../../../src/engine/sweep/plan.js';
import { runScaling } from '../../../src/engine/sweep/run.js';
import type { ModelId, RunEvent } from '../../../src/shared/results.js';
import { sizeOf } from '../../../src/shared/scaling.js';

/** The registry's model, counting the sessions it opens and closes. */
function counted(id: ModelId, tally: Map<ModelId, { opened: number; closed: number }>): Model {
  const real = getModel(id);
  const counts = { opened: 0, closed: 0 };
  tally.set(id, counts);
  return {
    ...real,
    async open(context): Promise<ModelSession> {
      const session = await real.open(context);
      counts.opened++;
      let closed = false;
      return {
        openStartupMs: session.openStartupMs,
        run: (prepared, options) => session.run(prepared, options),
        async close() {
          if (!closed) counts.closed++;
          closed = true;
          await session.close();
        },
      };
    },
  };
}

/** The registry's models, each counting its sessions, made on first use. */
function countingRegistry(): {
  tally: Map<ModelId, { opened: number; closed: number }>;
  resolveModel: (id: ModelId) => Model;
} {
  const tally = new Map<ModelId, { opened: number; closed: number }>();
  const models = new Map<ModelId, Model>();
  const resolveModel = (id: ModelId): Model => models.get(id) ?? models.set(id, counted(id, tally)).get(id)!;
  return { tally, resolveModel };
}

describe('a break-even search', () => {
  it('opens each model once for all its points, routes worker progress to the point running, and closes all', async () => {
    const { tally, resolveModel } = countingRegistry();
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['worker-pool', 'process-pool'],
        minSize: 2_000,
        maxSize: 32_000,
        reps: 2,
        warmup: 0,
        seed: 3,
      },
      host,
    );
    const workerProgress: Array<Extract<RunEvent, { type: 'progress' }>> = [];
    let doneSeen = false;
    const outcome = await runScaling({
      spec,
      host,
      resolveModel,
      onEvent: (event) => {
        if (event.type === 'progress' && event.phase === 'worker') workerProgress.push(event);
        if (event.type === 'done') {
          doneSeen = true;
          // Every session is closed before done is announced.
          for (const [id, c] of tally)
            expect({ id, ...c }).toEqual({ id, opened: c.opened, closed: c.opened });
        }
      },
    });
    expect(outcome.status).toBe('completed');
    expect(doneSeen).toBe(true);
    const sizes = new Set(outcome.results.map((r) => sizeOf(r.params)));
    expect(sizes.size).toBeGreaterThan(1);
    for (const r of outcome.results) expect(r.status).toBe('ok');
    for (const id of ['sequential', 'worker-pool', 'process-pool'] as const) {
      expect(tally.get(id)).toEqual({ opened: 1, closed: 1 });
    }
    // Worker progress of a kept session is reported under the point measuring it, at every size.
    const progressSizes = new Set(
      workerProgress
        .filter((e) => e.model === 'worker-pool')
        .map((e) => Number(/limit=(\d+)/.exec(e.caseId)![1])),
    );
    expect(progressSizes.size).toBe(
      new Set(outcome.results.filter((r) => r.model === 'worker-pool').map((r) => sizeOf(r.params))).size,
    );
  });

  it('closes the sessions it kept when the search is cancelled between points', async () => {
    const { tally, resolveModel } = countingRegistry();
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['process-pool'],
        minSize: 2_000,
        maxSize: 2_000_000,
        reps: 2,
        warmup: 0,
        seed: 4,
      },
      host,
    );
    const controller = new AbortController();
    let results = 0;
    const outcome = await runScaling({
      spec,
      host,
      resolveModel,
      signal: controller.signal,
      onEvent: (event) => {
        // Cancel once the second point has its results: by then the first point's sessions were kept.
        if (event.type === 'result' && ++results === 4) controller.abort();
      },
    });
    expect(outcome.status).toBe('cancelled');
    for (const id of ['sequential', 'process-pool'] as const) {
      const c = tally.get(id)!;
      expect(c.opened).toBeGreaterThanOrEqual(1);
      expect(c.closed).toBe(c.opened);
    }
  });
});
