import { describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../../src/engine/hosts/launcher.js';
import { ProcessPool } from '../../../src/engine/hosts/process-pool.js';
import { sievePrimes } from '../../../src/engine/workloads/primes.js';

describe('ProcessPool', () => {
  it('runs more tasks than children, on every child, one at a time each, and leaves none after close', async () => {
    const pool = await ProcessPool.open(createForkLauncher(), 2, { name: 'cbench-test-pool' });
    expect(pool.pids).toHaveLength(2);
    expect(pool.startupMs).toBeGreaterThan(0);
    const ranges = Array.from({ length: 8 }, (_, i) => [i * 5000 + 2, (i + 1) * 5000 + 1] as const);
    const results = await Promise.all(
      ranges.map(([lo, hi]) => pool.run({ kind: 'primes', lo, hi, limit: 40_001, memo: 'off', pass: 'p' })),
    );
    const all = results.flatMap((r) => (r.done.output.kind === 'primes' ? [...r.done.output.primes] : []));
    expect(all).toEqual([...sievePrimes(40_001)]);
    expect(new Set(results.map((r) => r.index))).toEqual(new Set([0, 1]));
    const pids = pool.pids;
    await pool.close();
    await pool.close();
    for (const pid of pids)
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    await expect(pool.run({ kind: 'noop' })).rejects.toThrow('process pool is closed');
  });
});
