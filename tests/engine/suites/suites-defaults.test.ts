import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuiteSpec, MATRIX_SEED, SUITES } from '../../../src/engine/suites.js';
import { MODEL_IDS, SUITE_IDS } from '../../../src/shared/results.js';
import { hostWithSamples } from './helpers.js';

describe('suite defaults', () => {
  it('quick: small primes, the two smallest samples, matrix 128; 3 reps, 1 warm-up, every model, CPU-count workers', async () => {
    const { host, dir } = await hostWithSamples();
    const spec = await buildSuiteSpec({ suite: 'quick' }, host);
    expect(spec).toMatchObject({ suite: 'quick', reps: 3, warmup: 1, workers: os.availableParallelism() });
    expect(spec.models).toEqual([...MODEL_IDS]);
    expect(spec.cases.map((c) => c.id)).toEqual([
      'primes:limit=20000:memo=off',
      'images:files=2:128x128',
      'matrix:size=128:kernel=tuned',
    ]);
    const images = spec.cases[1].params;
    expect(images).toEqual({
      workload: 'images',
      inputs: [path.join(dir, 'b-1280x720.jpg'), path.join(dir, 'c-1920x1080.jpg')],
      width: 128,
      height: 128,
    });
    expect(spec.cases[2].params).toEqual({
      workload: 'matrix',
      size: 128,
      seed: MATRIX_SEED,
      kernel: 'tuned',
    });
    expect(Number.isInteger(spec.shuffleSeed)).toBe(true);
  });

  it("article: the article's parameters, memo off and warm, all four images, matrix 3000; 5 reps", async () => {
    const { host } = await hostWithSamples();
    const spec = await buildSuiteSpec({ suite: 'article' }, host);
    expect(spec.cases.map((c) => c.id)).toEqual([
      'primes:limit=300000:memo=off',
      'primes:limit=300000:memo=warm',
      'images:files=4:128x128',
      'matrix:size=3000:kernel=tuned',
    ]);
    expect(spec).toMatchObject({ reps: 5, warmup: 1 });
  });

  it('scaled has bigger work than quick; every suite has a description for --help', async () => {
    const { host } = await hostWithSamples();
    const spec = await buildSuiteSpec({ suite: 'scaled' }, host);
    expect(spec.cases.map((c) => c.id)).toEqual([
      'primes:limit=3000000:memo=off',
      'images:files=4:128x128',
      'matrix:size=1200:kernel=tuned',
    ]);
    for (const id of SUITE_IDS) expect(SUITES[id].description.length).toBeGreaterThan(20);
  });
});
