import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuiteSpec, SuiteOptionError, type SuiteRequest } from '../../../src/engine/suites.js';
import { hostWithSamples } from './helpers.js';

async function rejection(request: Record<string, unknown>): Promise<SuiteOptionError> {
  const { host } = await hostWithSamples();
  const error = await buildSuiteSpec(request as unknown as SuiteRequest, host).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SuiteOptionError);
  return error as SuiteOptionError;
}

describe('bad options are refused with the option and the value named', () => {
  it.each([
    [{ suite: 'huge' }, 'suite', /suite must be one of quick, article, scaled, custom; got "huge"/],
    [{ suite: 'custom', workloads: ['primes', 'video'] }, 'workloads', /workloads has unknown value "video"/],
    [{ suite: 'custom', workloads: [] }, 'workloads', /workloads must list at least one/],
    [
      { suite: 'custom', models: ['threads'] },
      'models',
      /models has unknown value "threads" \(known: sequential/,
    ],
    [{ suite: 'custom', memo: ['hot'] }, 'memo', /memo has unknown value "hot"/],
    [{ suite: 'custom', limit: 0 }, 'limit', /limit must be a positive integer.*got 0/],
    [{ suite: 'custom', limit: 2.5 }, 'limit', /limit must be a positive integer.*got 2.5/],
    [{ suite: 'custom', size: -3 }, 'size', /size must be a positive integer.*got -3/],
    [{ suite: 'custom', size: 100000 }, 'size', /size must be .*at most 8192/],
    [{ suite: 'custom', kernel: 'blas' }, 'kernel', /kernel must be one of tuned, ml-matrix; got "blas"/],
    [{ suite: 'custom', workers: 0 }, 'workers', /workers must be a positive integer.*got 0/],
    [{ suite: 'custom', reps: 0 }, 'reps', /reps must be a positive integer.*got 0/],
    [{ suite: 'custom', warmup: -1 }, 'warmup', /warmup must be an integer >= 0.*got -1/],
    [{ suite: 'custom', seed: -5 }, 'seed', /seed must be an integer >= 0/],
  ])('%j -> %s', async (request, option, message) => {
    const error = await rejection(request);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it('a missing image path is named, even when images is not among the workloads', async () => {
    const { dir } = await hostWithSamples();
    const missing = path.join(dir, 'no-such-photo.jpg');
    const error = await rejection({ suite: 'custom', workloads: ['primes'], images: [missing] });
    expect(error.option).toBe('images');
    expect(error.message).toContain(missing);
  });

  it('a folder without images is refused naming the folder', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cbench-empty-'));
    const error = await rejection({ suite: 'custom', images: [empty] });
    expect(error.option).toBe('images');
    expect(error.message).toContain(empty);
  });
});
