// A worker thread for the orchestrator's own heavy steps: making a case's inputs and reference digest, and
// digesting merged products. In Electron the orchestrator is the main process, whose event loop must stay
// free for the window; here it only waits. The thread starts on first use and keeps the process alive only
// while it has work, so a caller that never closes it does not hang the process on exit.
import type { TaskOutput, TaskSpec } from '../../shared/protocol.js';
import { TaskLink } from './task-link.js';

export class HelperThread {
  private link: TaskLink | null = null;
  private busy = 0;

  constructor(private readonly workerEntry: string) {}

  /** Runs `task` on the helper thread (moving `transfer`); rejects with the thread's error or exit reason. */
  async run(task: TaskSpec, transfer: ArrayBuffer[] = []): Promise<TaskOutput> {
    if (!this.link || !this.link.alive) this.link = TaskLink.thread(0, this.workerEntry, 'cbench-helper');
    const link = this.link;
    this.busy++;
    link.keepAlive(true);
    try {
      await link.ready;
      return (await link.run(task, { transfer })).output;
    } finally {
      if (--this.busy === 0) link.keepAlive(false);
    }
  }

  /** Ends the thread (a later run starts a new one); safe to call twice. */
  async close(): Promise<void> {
    const link = this.link;
    this.link = null;
    await link?.terminate();
  }
}
