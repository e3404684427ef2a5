import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { buildBreakEvenSpec, buildSweepSpec } from '../../../src/engine/sweep/plan.js';
import { SuiteOptionError } from '../../../src/engine/suites.js';

async function optionOf(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (caught) {
    if (caught instanceof SuiteOptionError) return [caught.option, caught.message];
    throw caught;
  }
  throw new Error('expected a SuiteOptionError');
}

describe('sweep and break-even requests are validated where they enter', () => {
  const host = nodeHost();
  it.each([
    [{ workload: 'primes', workers: [1, 0] }, 'workers', /positive integers.*got 0/],
    [{ workload: 'primes', workers: [1.5] }, 'workers', /got 1.5/],
    [{ workload: 'primes', models: ['async'] }, 'models', /async does not use workers/],
    [{ workload: 'primes', limit: 0 }, 'limit', /positive integer/],
    [{ workload: 'video' }, 'workload', /one of primes, images, matrix/],
  ])('sweep %j names %s', async (request, option, message) => {
    const [got, text] = await optionOf(buildSweepSpec(request as never, host));
    expect(got).toBe(option);
    expect(text).toMatch(message);
  });

  it.each([
    [
      { workload: 'primes', minSize: 5000, maxSize: 1000 },
      'min-size',
      /min-size 5000 must be below max-size 1000/,
    ],
    [{ workload: 'matrix', maxSize: -3 }, 'max-size', /positive integer/],
    [{ workload: 'primes', models: ['sequential'] }, 'models', /sequential does not use workers/],
  ])('break-even %j names %s', async (request, option, message) => {
    const [got, text] = await optionOf(buildBreakEvenSpec(request as never, host));
    expect(got).toBe(option);
    expect(text).toMatch(message);
  });

  it('defaults to 1..2x the CPU count of workers and every parallel model', async () => {
    const spec = await buildSweepSpec({ workload: 'primes' }, host);
    const plan = spec.scaling!;
    expect(plan.kind === 'sweep' && plan.workerCounts).toEqual(
      Array.from({ length: 2 * plan.cpuCount }, (_, i) => i + 1),
    );
    expect(spec.models).toEqual([
      'sequential',
      'worker-threads',
      'worker-pool',
      'processes',
      'process-pool',
      'shared-memory',
    ]);
    expect(spec.reps).toBe(3);
  });
});
