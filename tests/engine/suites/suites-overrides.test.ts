import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSuiteSpec } from '../../../src/engine/suites.js';
import { hostWithSamples, SAMPLE_NAMES } from './helpers.js';

describe('suite options override the suite defaults', () => {
  it('custom: chosen workloads, models, parameters, repetitions and seed', async () => {
    const { host } = await hostWithSamples();
    const spec = await buildSuiteSpec(
      {
        suite: 'custom',
        workloads: ['matrix', 'primes'],
        models: ['sequential', 'shared-memory', 'sequential'],
        limit: 5000,
        memo: ['off', 'cold', 'warm'],
        size: 64,
        kernel: 'ml-matrix',
        workers: 3,
        reps: 2,
        warmup: 0,
        seed: 1234,
      },
      host,
    );
    expect(spec).toMatchObject({ suite: 'custom', workers: 3, reps: 2, warmup: 0, shuffleSeed: 1234 });
    expect(spec.models).toEqual(['sequential', 'shared-memory']);
    // cases follow the canonical workload order, one primes case per memo mode
    expect(spec.cases.map((c) => c.id)).toEqual([
      'primes:limit=5000:memo=off',
      'primes:limit=5000:memo=cold',
      'primes:limit=5000:memo=warm',
      'matrix:size=64:kernel=ml-matrix',
    ]);
  });

  it('images: named files and folders, resolved to absolute paths', async () => {
    const { host, dir } = await hostWithSamples();
    const relative = path.relative(process.cwd(), path.join(dir, SAMPLE_NAMES[0]));
    const spec = await buildSuiteSpec(
      { suite: 'custom', workloads: ['images'], images: [relative, dir] },
      host,
    );
    const params = spec.cases[0].params;
    expect(params.workload === 'images' && params.inputs).toEqual([
      path.join(dir, SAMPLE_NAMES[0]),
      ...SAMPLE_NAMES.slice(1).map((n) => path.join(dir, n)),
    ]);
    expect(spec.cases[0].id).toBe('images:files=4:128x128');
  });

  it('a seed-less request gets a fresh random seed, recorded in the spec', async () => {
    const { host } = await hostWithSamples();
    const seeds = new Set<number>();
    for (let i = 0; i < 5; i++)
      seeds.add((await buildSuiteSpec({ suite: 'custom', workloads: ['primes'] }, host)).shuffleSeed);
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('the bundled sample folder is found next to the compiled engine', async () => {
    const { nodeHost } = await import('../../../src/engine/host.js');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    expect(nodeHost().sampleDir).toBe(path.join(root, 'resources', 'samples'));
  });
});
