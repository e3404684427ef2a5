import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BULK_CHUNK_BYTES } from '../../../src/engine/hosts/bulk.js';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { makeMatrices, multiplyRows } from '../../../src/engine/workloads/matrix.js';
import { recordingLauncher } from './recording-launcher.js';

// Large matrices to a child travel as many messages of at most BULK_CHUNK_BYTES each (plus a small envelope),
// so neither side's event loop serialises or parses tens of MB at once. C comes back through a file in the temp
// folder, removed once read, or, where the child cannot write one, in bounded chunks; the product is right.
describe('a matrix task to a child process', () => {
  it.each(['file', 'chunks'] as const)(
    'sends A and B in bounded chunks, receives C by %s, and the product matches',
    async (via) => {
      const noTmp = path.join(os.tmpdir(), 'cbench-no-such-folder', 'x');
      const { launcher, sentBytes, receivedBytes } = recordingLauncher(via === 'chunks' ? noTmp : undefined);
      const n = 640; // B alone is 3.3 MB, C's 500 rows 2.6 MB: both need more than one chunk
      const { a, b } = makeMatrices(n, 11);
      const shared = (m: Float64Array): Float64Array => {
        const copy = new Float64Array(new SharedArrayBuffer(m.byteLength));
        copy.set(m);
        return copy;
      };
      const sa = shared(a);
      const sb = shared(b);
      const link = TaskLink.child(0, launcher, 'cbench-test-chunks');
      let pid: number | undefined;
      try {
        await link.ready;
        pid = link.pid;
        const done = await link.run({
          kind: 'matrix',
          n,
          kernel: 'tuned',
          rowStart: 50,
          rowEnd: 550,
          // Views of shared memory: what buildTask hands a child; the link copies them piece by piece.
          aRows: sa.subarray(50 * n, 550 * n),
          b: sb,
        });
        if (done.output.kind !== 'matrix') throw new Error('expected a matrix output');
        expect(done.output.rowStart).toBe(50);
        expect(done.output.c).toEqual(multiplyRows('tuned', a.slice(50 * n, 550 * n), b, n, 500));
        expect(done.transferMs).toBeGreaterThan(0);
      } finally {
        await link.terminate();
      }
      const envelope = 4096;
      const totalIn = (500 + n) * n * 8;
      expect(sentBytes.length).toBeGreaterThanOrEqual(Math.ceil(totalIn / BULK_CHUNK_BYTES));
      expect(Math.max(...sentBytes)).toBeLessThanOrEqual(BULK_CHUNK_BYTES + envelope);
      expect(Math.max(...receivedBytes)).toBeLessThanOrEqual(BULK_CHUNK_BYTES + envelope);
      const large = receivedBytes.filter((size) => size > envelope).length;
      if (via === 'chunks') {
        expect(large).toBeGreaterThanOrEqual(2);
      } else {
        expect(large).toBe(0);
        expect((await readdir(os.tmpdir())).filter((f) => f.startsWith(`cbench-result-${pid}-`))).toEqual([]);
      }
    },
  );
});
