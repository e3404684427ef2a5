import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-helpers.js';

describe('cbench sweep and break-even with bad input', () => {
  it.each([
    [['sweep', '--workload', 'primes', '--workers', '1,x'], /--workers.*"x" is not a positive integer/],
    [['sweep', '--workload', 'primes', '--workers', '2,0'], /--workers must be positive integers.*got 0/],
    [['sweep', '--workload', 'primes', '--workers', '-1'], /--workers/],
    [['sweep', '--workload', 'primes', '--limit', '0'], /--limit must be a positive integer/],
    [['sweep', '--workload', 'matrix', '--size', '-4'], /--size must be a positive integer/],
    [['sweep', '--workload', 'primes', '--models', 'async'], /--models: async does not use workers/],
    [['sweep', '--workload', 'primes', '--models', 'green-threads'], /--models.*green-threads/],
    [['sweep', '--workload', 'video'], /--workload must be one of primes, images, matrix.*video/],
    [['sweep'], /--workload/],
    [['sweep', '--workload', 'primes', '--memo', 'hot'], /--memo.*hot/],
    [
      ['break-even', '--workload', 'primes', '--min-size', '5000', '--max-size', '100'],
      /--min-size 5000 must be below max-size 100/,
    ],
    [['break-even', '--workload', 'primes', '--max-size', '0'], /--max-size must be a positive integer/],
    [['break-even', '--workload', 'matrix', '--workers', '0'], /--workers must be a positive integer/],
    [
      ['break-even', '--workload', 'primes', '--models', 'sequential'],
      /--models: sequential does not use workers/,
    ],
  ])('%j: exit 2, one line naming it, nothing written', async (args, named) => {
    const dir = await tempDir();
    const out = path.join(dir, 'out.json');
    const db = path.join(dir, 'history.sqlite');
    const result = await runCli([...args, '--out', out, '--db', db]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(named);
    expect(result.stdout).toBe('');
    expect(await readdir(dir)).toEqual([]);
  });
});
