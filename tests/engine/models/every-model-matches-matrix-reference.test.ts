import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/engine/models/index.js';
import type { PreparedCase } from '../../../src/engine/models/types.js';
import { verifyDigest } from '../../../src/engine/verify.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { MATRIX_KERNELS } from '../../../src/shared/results.js';
import { context, trackingHost } from './support.js';

const { host } = trackingHost();
const prepared: PreparedCase[] = [];

beforeAll(async () => {
  for (const kernel of MATRIX_KERNELS) {
    prepared.push(
      await prepareCase(
        { id: `matrix-${kernel}`, params: { workload: 'matrix', size: 64, seed: 7, kernel } },
        host,
      ),
    );
  }
});

describe.each(MODELS.map((m) => [m.id, m] as const))('%s on matrix 64', (_id, model) => {
  let session: Awaited<ReturnType<typeof model.open>>;
  beforeAll(async () => {
    session = await model.open(context(host, { workers: 2 }));
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(MATRIX_KERNELS.map((kernel, i) => [kernel, i] as const))(
    'kernel %s: the product matches the O(n^2) reference checksums',
    async (_kernel, i) => {
      const outcome = await session.run(prepared[i], { warmup: false });
      expect(verifyDigest(prepared[i].expected, outcome.digest)).toEqual({ ok: true });
      expect(outcome.workers.reduce((sum, w) => sum + w.items, 0)).toBe(64);
    },
  );
});
