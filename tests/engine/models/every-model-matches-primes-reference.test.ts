import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/engine/models/index.js';
import type { PreparedCase } from '../../../src/engine/models/types.js';
import { verifyDigest } from '../../../src/engine/verify.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { MEMO_MODES } from '../../../src/shared/results.js';
import { context, trackingHost } from './support.js';

const { host } = trackingHost();
const prepared: PreparedCase[] = [];

beforeAll(async () => {
  for (const memo of MEMO_MODES) {
    prepared.push(
      await prepareCase({ id: `primes-${memo}`, params: { workload: 'primes', limit: 20_000, memo } }, host),
    );
  }
});

describe.each(MODELS.map((m) => [m.id, m] as const))('%s on primes 20000', (_id, model) => {
  let session: Awaited<ReturnType<typeof model.open>>;
  beforeAll(async () => {
    session = await model.open(context(host, { workers: 2 }));
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(MEMO_MODES.map((memo, i) => [memo, i] as const))(
    'memo %s: two repetitions both give the sieve reference digest (2262 primes)',
    async (_memo, i) => {
      for (let rep = 0; rep < 2; rep++) {
        const outcome = await session.run(prepared[i], { warmup: false });
        expect(verifyDigest(prepared[i].expected, outcome.digest)).toEqual({ ok: true });
        expect(outcome.digest.values.count).toBe(2262);
        expect(outcome.workers.reduce((sum, w) => sum + w.items, 0)).toBe(prepared[i].itemCount);
        expect(outcome.wallMs).toBeGreaterThan(0);
      }
    },
  );
});
