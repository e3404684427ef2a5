import { describe, expect, it } from 'vitest';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { buildTask, mergeOutputs, outputRoom, roomFor } from '../../../src/engine/workloads/index.js';
import { makeMatrices, multiplyRows } from '../../../src/engine/workloads/matrix.js';
import { sharedMatrixInput } from '../workloads/matrix-helpers.js';
import { recordingLauncher } from './recording-launcher.js';

/** The same float64 values, bit for bit (a byte compare: toEqual walks 640,000 elements slowly). */
function sameBits(x: Float64Array, y: Float64Array): boolean {
  const bytes = (v: Float64Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return bytes(x).equals(bytes(y));
}

// A child's rows of C that come back as bulk (over 2 MB) are read straight into their place in the merged
// product (TaskLink.run's `into`), so the merge copies nothing; a target that does not fit the rows sent
// falls back to a fresh array. (Buffers are compared by identity with ===: a failing toBe would print them.)
describe('a child process result read into the merged product', () => {
  const n = 800;
  const seed = 9;
  const { a, b } = makeMatrices(n, seed);
  const input = sharedMatrixInput(n, seed);

  it('fills its rows of the room in place, and the merge returns the room holding the whole product', async () => {
    const link = TaskLink.child(0, recordingLauncher().launcher, 'cbench-test-into');
    try {
      await link.ready;
      const room = outputRoom(input)!;
      const ranges = [
        { start: 0, end: 400 },
        { start: 400, end: n },
      ];
      const parts = [];
      for (const range of ranges) {
        const { task } = buildTask(input, range, { pass: 'p', target: 'child' });
        const done = await link.run(task, { into: roomFor(input, room, range) });
        if (done.output.kind !== 'matrix') throw new Error('expected a matrix output');
        // The output is a view of the room at its rows, not a copy.
        expect(done.output.c.buffer === room.buffer).toBe(true);
        expect(done.output.c.byteOffset).toBe(range.start * n * Float64Array.BYTES_PER_ELEMENT);
        parts.push({ range, output: done.output });
      }
      const merged = await mergeOutputs(input, parts, room);
      if (merged.kind !== 'matrix') throw new Error('expected a matrix product');
      expect(merged.c === room).toBe(true);
      expect(sameBits(merged.c, multiplyRows('tuned', a, b, n, n))).toBe(true);
    } finally {
      await link.terminate();
    }
  });

  it('lands in a fresh array when the target does not fit the rows sent', async () => {
    const link = TaskLink.child(0, recordingLauncher().launcher, 'cbench-test-into-misfit');
    try {
      await link.ready;
      const range = { start: 10, end: 450 };
      const { task } = buildTask(input, range, { pass: 'p', target: 'child' });
      const tooShort = new Float64Array(5 * n);
      const done = await link.run(task, { into: { c: tooShort } });
      if (done.output.kind !== 'matrix') throw new Error('expected a matrix output');
      expect(done.output.c.buffer === tooShort.buffer).toBe(false);
      expect(tooShort.every((v) => v === 0)).toBe(true);
      expect(sameBits(done.output.c, multiplyRows('tuned', a.slice(10 * n, 450 * n), b, n, 440))).toBe(true);
    } finally {
      await link.terminate();
    }
  });
});
