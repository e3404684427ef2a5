import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import type { CaseSpec } from '../../../src/shared/results.js';

const host = nodeHost();
const bad = (params: unknown): CaseSpec => ({ id: 'bad', params: params as CaseSpec['params'] });

describe('prepareCase', () => {
  it('names the case and the parameter that is wrong', async () => {
    await expect(prepareCase(bad({ workload: 'primes', limit: 1.5, memo: 'off' }), host)).rejects.toThrow(
      'case bad: primes limit must be an integer from 2 to 2000000000 (got 1.5)',
    );
    await expect(prepareCase(bad({ workload: 'primes', limit: 100, memo: 'hot' }), host)).rejects.toThrow(
      'case bad: memo must be one of off, cold, warm (got hot)',
    );
    await expect(
      prepareCase(bad({ workload: 'matrix', size: 0, seed: 1, kernel: 'tuned' }), host),
    ).rejects.toThrow('case bad: matrix size must be an integer from 1 to 16000 (got 0)');
    await expect(
      prepareCase(bad({ workload: 'matrix', size: 8, seed: 1, kernel: 'blas' }), host),
    ).rejects.toThrow('case bad: kernel must be one of tuned, ml-matrix (got blas)');
    await expect(
      prepareCase(bad({ workload: 'images', inputs: ['relative.png'], width: 8, height: 8 }), host),
    ).rejects.toThrow('case bad: image inputs must be absolute paths (got relative.png)');
  });

  it('computes the reference digest and item count independently of the models', async () => {
    const primes = await prepareCase(
      { id: 'p', params: { workload: 'primes', limit: 100, memo: 'off' } },
      host,
    );
    expect(primes.itemCount).toBe(99);
    expect(primes.expected.values).toMatchObject({ count: 25, sum: 1060 });
    const matrix = await prepareCase(
      { id: 'm', params: { workload: 'matrix', size: 5, seed: 2, kernel: 'tuned' } },
      host,
    );
    expect(matrix.itemCount).toBe(5);
    expect(Object.keys(matrix.expected.approx ?? {})).toEqual(['sum', 'weighted']);
  });

  it('stops when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      prepareCase(
        { id: 'p', params: { workload: 'primes', limit: 100, memo: 'off' } },
        host,
        controller.signal,
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
