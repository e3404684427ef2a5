// Progress reports from inside a task, throttled so that messages never cost the work they report on.
import { performance } from 'node:perf_hooks';

/** How often a worker may report progress: at most ~20 messages a second. */
export const PROGRESS_INTERVAL_MS = 50;

/** What the host running a task wants to hear while it runs. */
export interface ExecHooks {
  /** Items of this task done so far; throttled here to PROGRESS_INTERVAL_MS, the last call always made. */
  onProgress?(done: number, total: number): void;
}

/** Counts items done and reports them through `hooks`, at most once per PROGRESS_INTERVAL_MS and always at the end. */
export class Progress {
  private done = 0;
  private lastMs = 0;
  constructor(
    private readonly total: number,
    private readonly hooks: ExecHooks,
  ) {}
  add(items: number): void {
    this.done += items;
    if (!this.hooks.onProgress) return;
    const nowMs = performance.now();
    if (this.done >= this.total || nowMs - this.lastMs >= PROGRESS_INTERVAL_MS) {
      this.lastMs = nowMs;
      this.hooks.onProgress(this.done, this.total);
    }
  }
}
