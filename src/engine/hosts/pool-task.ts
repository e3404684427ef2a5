// The function piscina runs in its threads (worker-pool model). Errors come back as data with the thread id,
// so the orchestrator can say which worker threw; typed-array outputs are moved, not copied.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { PoolReply, TaskSpec } from '../../shared/protocol.js';
import { adoptSharedInput, epochNowMs, executeTask, loadKernels, transferablesOf } from './task-exec.js';

/** Executes one task in a piscina thread. */
export default async function poolTask(given: TaskSpec): Promise<PoolReply | ReturnType<typeof move>> {
  try {
    // Held once its shared input is copied into this thread's memory: the copy counts as transfer.
    const task = adoptSharedInput(given);
    const receivedAtMs = epochNowMs();
    const loadMs = await loadKernels(task);
    const startMs = performance.now();
    const output = await executeTask(task);
    const reply: PoolReply = {
      ok: true,
      threadId,
      output,
      computeMs: performance.now() - startMs,
      loadMs,
      receivedAtMs,
      postedAtMs: epochNowMs(),
    };
    const transfer = transferablesOf(output);
    if (transfer.length === 0) return reply;
    // piscina moves the listed buffers only for objects marked by move().
    return move({ [transferableSymbol]: transfer, [valueSymbol]: reply } as never);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, threadId, message: e.message, stack: e.stack };
  }
}
