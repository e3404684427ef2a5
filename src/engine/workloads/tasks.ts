// Building the TaskSpec that asks a worker or child for one range of a case's items: what travels, what is
// shared, and what the receiver makes for itself.
import { randomUUID } from 'node:crypto';
import type { FaultKind, TaskSpec } from '../../shared/protocol.js';
import type { CaseInput, ItemRange, PrimesInput } from './case-input.js';

/** A fresh identifier for one pass, so `cold` memo caches are replaced on its first task in each worker. */
export function newPassId(): string {
  return randomUUID();
}

/** What a repetition's tasks share: the pass id, the images output folder, an injected fault. */
export interface TaskContext {
  pass: string;
  outDir?: string;
  fault?: FaultKind;
  asyncChunks?: number;
  /**
   * Who runs the task. Matrix inputs reach a worker 'thread' as shared memory it copies from, and a 'child'
   * as the seed it generates them from (workloads/matrix-seeded.ts); either way the receiver gets its own copy.
   */
  target: 'thread' | 'child';
}

/** The task for items [range.start, range.end), with the buffers that can be moved rather than copied. */
export function buildTask(
  input: CaseInput,
  range: ItemRange,
  context: TaskContext,
): { task: TaskSpec; transfer: ArrayBuffer[] } {
  const common = {
    ...(context.fault ? { fault: context.fault } : {}),
    ...(context.asyncChunks ? { asyncChunks: context.asyncChunks } : {}),
  };
  switch (input.workload) {
    case 'primes':
      return {
        task: {
          kind: 'primes',
          lo: range.start + 2,
          hi: range.end + 1,
          limit: input.limit,
          memo: input.memo,
          pass: context.pass,
          ...common,
        },
        transfer: [],
      };
    case 'matrix': {
      const { n } = input;
      const base = {
        kind: 'matrix',
        n,
        kernel: input.kernel,
        rowStart: range.start,
        rowEnd: range.end,
      } as const;
      if (!(input.a.buffer instanceof SharedArrayBuffer) || !(input.b.buffer instanceof SharedArrayBuffer)) {
        throw new Error('matrix inputs must be in shared memory (prepared by prepareCase)');
      }
      if (context.target === 'thread') {
        // The worker copies its share out of shared memory itself (hosts/exec/matrix.ts, adoptSharedInput).
        const empty = new Float64Array(0);
        return {
          task: {
            ...base,
            aRows: empty,
            b: empty,
            shared: { a: input.a.buffer, b: input.b.buffer, key: `${n}:${input.seed}` },
            ...common,
          },
          transfer: [],
        };
      }
      // A child draws its inputs from the case's seed (workloads/matrix-seeded.ts): 2 x n^2 float64 need not
      // cross a process boundary that can only copy them.
      const empty = new Float64Array(0);
      return { task: { ...base, aRows: empty, b: empty, seeded: input.seed, ...common }, transfer: [] };
    }
    case 'images': {
      if (!context.outDir) throw new Error('images tasks need an output folder');
      const indices: number[] = [];
      for (let i = range.start; i < range.end; i++) indices.push(i);
      return {
        task: {
          kind: 'images',
          files: input.files.slice(range.start, range.end),
          indices,
          outDir: context.outDir,
          width: input.width,
          height: input.height,
          ...common,
        },
        transfer: [],
      };
    }
  }
}

/** Warm-memo fill task over [range.start, range.end): verdicts cached in the worker, no list sent back. */
export function buildFillTask(
  input: PrimesInput,
  range: ItemRange,
  pass: string,
  barrier?: { sab: SharedArrayBuffer; parties: number },
): TaskSpec {
  return {
    kind: 'primes',
    lo: range.start + 2,
    hi: range.end + 1,
    limit: input.limit,
    memo: 'warm',
    pass,
    fill: true,
    ...(barrier ? { barrier } : {}),
  };
}
