import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { BadRequestError, type BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import type { StartRunRequest } from '../../../src/shared/ipc.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-scaling-');
let service: BenchService;
beforeAll(async () => {
  service = await createBenchService({ dbPath: path.join(temp.dir, 'h.sqlite'), host: nodeHost() });
});
afterAll(async () => {
  await service.close();
  temp.cleanup();
});

async function refusal(payload: unknown): Promise<string> {
  const error = await service.handle('run:start', payload as StartRunRequest).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  return (error as Error).message;
}

test('a scaling request is checked like the rest of run:start, naming the bad field', async () => {
  const base = { suite: 'custom', workloads: ['primes'] };
  expect(await refusal({ ...base, scaling: { kind: 'sweep', workerCounts: [1, 0] } })).toMatch(
    /^run:start: scaling\.workerCounts\[1\]: /,
  );
  expect(await refusal({ ...base, scaling: { kind: 'zoom' } })).toMatch(/^run:start: scaling/);
  expect(await refusal({ ...base, scaling: { kind: 'break-even', minSize: 900, maxSize: 90 } })).toMatch(
    /^run:start: min-size 900 must be below max-size 90/,
  );
  expect(
    await refusal({ suite: 'custom', workloads: ['primes', 'matrix'], scaling: { kind: 'sweep' } }),
  ).toMatch(/exactly one workload/);
  expect(await refusal({ ...base, models: ['async'], scaling: { kind: 'sweep' } })).toMatch(
    /async does not use workers/,
  );
});
