import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import {
  caseInput,
  digestOf,
  mergeOutputs,
  prepareCase,
  releaseCase,
} from '../../../src/engine/workloads/index.js';
import {
  makeMatrices,
  matrixDigest,
  matrixReferenceDigest,
  multiplyRows,
} from '../../../src/engine/workloads/matrix.js';
import { eventually, osThreadCount } from '../models/support.js';

// The orchestrator's heavy steps run on a helper thread: the matrix inputs come back in shared memory (no copy
// back), the reference digest is the same O(n^2) one, and merged products are digested there too. Releasing
// the case ends the thread.
describe('a prepared matrix case', () => {
  it('holds seeded A and B in shared memory, the reference digest, and a helper that release ends', async () => {
    const threadsBefore = osThreadCount();
    const n = 48;
    const prepared = await prepareCase(
      { id: 'm', params: { workload: 'matrix', size: n, seed: 77, kernel: 'tuned' } },
      nodeHost(),
    );
    const input = caseInput(prepared);
    if (input.workload !== 'matrix') throw new Error('expected a matrix input');
    const { a, b } = makeMatrices(n, 77);
    expect(input.a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(input.b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(input.a).toEqual(a);
    expect(input.b).toEqual(b);
    expect(prepared.expected).toEqual(matrixReferenceDigest(a, b, n));

    // Two row bands merged, digested on the helper: the same digest as on this thread.
    const top = multiplyRows('tuned', a.slice(0, 20 * n), b, n, 20);
    const bottom = multiplyRows('tuned', a.slice(20 * n), b, n, n - 20);
    const merged = await mergeOutputs(input, [
      { range: { start: 20, end: n }, output: { kind: 'matrix', rowStart: 20, rowEnd: n, c: bottom } },
      { range: { start: 0, end: 20 }, output: { kind: 'matrix', rowStart: 0, rowEnd: 20, c: top } },
    ]);
    if (merged.kind !== 'matrix') throw new Error('expected a matrix merge');
    const whole = new Float64Array(n * n);
    whole.set(top);
    whole.set(bottom, 20 * n);
    expect(merged.c).toEqual(whole);
    expect((await digestOf(input, merged)).digest).toEqual(matrixDigest(whole, n));
    // Moved to the helper for the digest and back: still whole here afterwards.
    expect(merged.c).toEqual(whole);

    await releaseCase(prepared);
    expect(await eventually(() => osThreadCount() <= threadsBefore, 5_000)).toBe(true);
  });
});
