// piscina hands a thread its next task before the orchestrator has taken the previous result, so on one
// thread the outbound message time of a task and the inbound time of the next overlap. Counted twice, the
// pool's transfer could exceed what its threads could possibly have spent (threads x wall time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerPoolModel, unionLengthMs } from '../../../src/engine/models/worker-pool.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, trackingHost } from './support.js';

describe('union of message intervals', () => {
  it('counts overlapping time once and ignores empty intervals', () => {
    expect(
      unionLengthMs([
        [0, 10],
        [5, 12],
        [20, 25],
        [30, 30],
        [40, 35],
      ]),
    ).toBe(17);
    expect(unionLengthMs([])).toBe(0);
    expect(
      unionLengthMs([
        [0, 100],
        [10, 20],
      ]),
    ).toBe(100);
  });
});

describe('worker-pool transfer on a real run', () => {
  const { host } = trackingHost();
  let session: Awaited<ReturnType<typeof workerPoolModel.open>>;
  beforeAll(async () => {
    session = await workerPoolModel.open(context(host, { workers: 2 }));
  });
  afterAll(() => session.close());

  it('never exceeds what its two threads could spend in the repetition', async () => {
    const prepared = await prepareCase(
      { id: 'primes-pool', params: { workload: 'primes', limit: 50_000, memo: 'off' } },
      host,
    );
    for (let rep = 0; rep < 5; rep++) {
      const outcome = await session.run(prepared, { warmup: false });
      // Message time starts at submission, inside the wall clock; 1 ms of slack for the two clocks' rounding.
      expect(outcome.transferMs).toBeLessThanOrEqual(2 * outcome.wallMs + 1);
    }
  });
});
