import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-helpers.js';

describe('cbench run with bad input', () => {
  it.each([
    [['--reps', '0'], /--reps/],
    [['--reps', 'many'], /--reps/],
    [['--limit', '-5'], /--limit/],
    [['--size', '0', '--workloads', 'matrix'], /--size/],
    [['--workers', '1.5'], /--workers/],
    [['--warmup', '-1'], /--warmup/],
    [['--models', 'sequential,green-threads'], /--models.*green-threads/],
    [['--workloads', 'primes,video'], /--workloads.*video/],
    [['--memo', 'hot'], /--memo.*hot/],
    [['--kernel', 'blas'], /--kernel.*blas/],
    [['--suite', 'huge'], /--suite.*huge/],
    [['--frobnicate'], /--frobnicate/],
    [['--json', '--csv'], /--json.*--csv|--csv.*--json/],
    [['--images', '/no/such/photo.jpg'], /\/no\/such\/photo\.jpg/],
  ])('%j: exit 2, one line naming it, nothing written', async (flags, named) => {
    const dir = await tempDir();
    const out = path.join(dir, 'out.json');
    const db = path.join(dir, 'history.sqlite');
    const result = await runCli(['run', '--suite', 'custom', ...flags, '--out', out, '--db', db]);
    expect(result.code).toBe(2);
    const firstLine = result.stderr.trim().split('\n')[0];
    expect(firstLine).toMatch(/^error: /);
    expect(firstLine).toMatch(named);
    expect(result.stdout).toBe('');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an --out folder that does not exist is refused before anything runs', async () => {
    const dir = await tempDir();
    const result = await runCli([
      'run',
      '--suite',
      'custom',
      '--out',
      path.join(dir, 'missing', 'x.json'),
      '--no-save',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out: folder .*missing does not exist/);
  });
});
