// A pool of persistent child processes (the process-pool model; also bench/dispatch.mjs): tasks queue in the
// orchestrator and go to whichever child frees up first, one task per child at a time.
import { performance } from 'node:perf_hooks';
import type { TaskSpec } from '../../shared/protocol.js';
import type { BulkTargets } from './bulk.js';
import type { ProcessLauncher } from './launcher.js';
import { TaskLink, type TaskDone } from './task-link.js';

interface Job {
  task: TaskSpec;
  transfer: ArrayBuffer[];
  into?: BulkTargets;
  onProgress?: (index: number, done: number, total: number) => void;
  resolve(result: { index: number; done: TaskDone }): void;
  reject(error: Error): void;
}

export class ProcessPool {
  private readonly queue: Job[] = [];
  private readonly idle: TaskLink[] = [];
  private closed = false;

  private constructor(
    readonly links: TaskLink[],
    /** From launching the first child to the last one being ready. */
    readonly startupMs: number,
  ) {
    this.idle.push(...links);
  }

  /** Launches `size` children and waits until every one is ready; on failure none is left running. */
  static async open(
    launcher: ProcessLauncher,
    size: number,
    options: { name?: string; signal?: AbortSignal } = {},
  ): Promise<ProcessPool> {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`process pool size must be a positive integer (got ${size})`);
    const name = options.name ?? 'cbench-pool';
    const startMs = performance.now();
    const links = Array.from({ length: size }, (_, i) => TaskLink.child(i, launcher, `${name}-${i}`));
    const killAll = (): Promise<void> => Promise.all(links.map((link) => link.terminate())).then(() => {});
    const onAbort = (): void => void killAll();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (options.signal?.aborted) throw new Error('process pool start-up cancelled');
      await Promise.all(links.map((link) => link.ready));
      if (options.signal?.aborted) throw new Error('process pool start-up cancelled');
    } catch (error) {
      await killAll();
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    return new ProcessPool(links, performance.now() - startMs);
  }

  /** Pids of the children (for tests that check none is left behind). */
  get pids(): number[] {
    return this.links.map((link) => link.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Runs a task on the first free child; resolves with which child ran it and its result. */
  run(
    task: TaskSpec,
    options: {
      transfer?: ArrayBuffer[];
      onProgress?: (index: number, done: number, total: number) => void;
      /** As TaskLink.run's: where the result's bulk fields are read into. */
      into?: BulkTargets;
    } = {},
  ): Promise<{ index: number; done: TaskDone }> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('process pool is closed'));
      const dead = this.links.find((link) => !link.alive);
      if (dead) return reject(new Error(`process pool lost ${dead.label} earlier; it cannot take more work`));
      this.queue.push({
        task,
        transfer: options.transfer ?? [],
        onProgress: options.onProgress,
        into: options.into,
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /** Runs `task` once on every child (warm-memo fills), in parallel. */
  broadcast(task: TaskSpec): Promise<TaskDone[]> {
    return Promise.all(this.links.map((link) => link.run(task)));
  }

  /** Rejects every task still waiting for a child (those already running finish or fail on their own). */
  dropQueued(reason: string): void {
    for (const job of this.queue.splice(0)) job.reject(new Error(reason));
  }

  /** Kills every child now and waits until they are gone; safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    this.dropQueued('process pool closed');
    await Promise.all(this.links.map((link) => link.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.idle.length > 0) {
      const link = this.idle.shift()!;
      const job = this.queue.shift()!;
      link
        .run(job.task, {
          transfer: job.transfer,
          onProgress: job.onProgress ? (d, t) => job.onProgress!(link.index, d, t) : undefined,
          into: job.into,
        })
        .then(
          (done) => {
            this.idle.push(link);
            job.resolve({ index: link.index, done });
            this.dispatch();
          },
          (error: Error) => {
            // A child that exited stays out of the idle list; one that threw can take the next task.
            if (link.alive) this.idle.push(link);
            else this.dropQueued(error.message);
            job.reject(error);
            this.dispatch();
          },
        );
    }
  }
}
