// The orchestrator's side of one worker thread or child process: start-up, sending tasks, matching results
// by id, progress, exit detection, termination. Models compose these; they never touch raw messages. How the
// thread or child is reached is transport.ts; what may arrive from it, from-worker.ts.
import { performance } from 'node:perf_hooks';
import type {
  BulkHeader,
  FromWorker,
  TaskOutput,
  TaskReport,
  TaskSpec,
  ToWorker,
} from '../../shared/protocol.js';
import { BulkAssembly, sendChunks, splitBulk, TASK_BULK_FIELDS, type BulkTargets } from './bulk.js';
import { epochNowMs } from './clock.js';
import { parseFromWorker } from './from-worker.js';
import type { ProcessLauncher } from './launcher.js';
import { childTransport, describeExit, threadTransport, type Transport } from './transport.js';

export { parseFromWorker } from './from-worker.js';

/** A finished task as the orchestrator sees it. */
export interface TaskDone extends TaskReport {
  output: TaskOutput;
  /** Orchestrator starting to send -> worker holding the task, plus worker posting -> orchestrator holding the result. */
  transferMs: number;
}

interface Pending {
  resolve(done: TaskDone): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
  sentAtMs: number;
  /** Where the result's bulk fields are to be read into, when the caller holds room for them. */
  into?: BulkTargets;
  /** A result whose bulk fields are still arriving. */
  result?: { message: Extract<FromWorker, { type: 'result' }>; assembly: BulkAssembly };
}

/** One worker thread or child process as the orchestrator drives it: tasks out, results and progress back. */
export class TaskLink {
  /** Orchestrator-measured time from starting the thread/process to its 'ready' message. */
  startupMs = 0;
  /** Set once the thread/process is gone. */
  exit: { code: number | null; signal: string | null } | undefined;
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private readonly pings = new Map<number, () => void>();
  private nextId = 1;
  private phase: 'start-up' | 'the repetition' = 'start-up';
  private killed = false;
  private exited: Promise<void>;

  private constructor(
    /** 0-based position among the model's workers. */
    readonly index: number,
    /** "worker 1", "child process 0": how failures name this worker. */
    readonly label: string,
    private readonly transport: Transport,
  ) {
    const startedMs = performance.now();
    let markExited!: () => void;
    this.exited = new Promise((resolve) => (markExited = resolve));
    this.ready = new Promise<void>((resolve, reject) => {
      transport.onMessage((raw) => {
        const message = parseFromWorker(raw);
        if (!message) return;
        if (message.type === 'ready') {
          this.startupMs = performance.now() - startedMs;
          this.phase = 'the repetition';
          resolve();
        } else this.handle(message);
      });
      transport.onExit((code, signal, detail) => {
        this.exit = { code, signal };
        markExited();
        const reason = this.killed
          ? `${label} was stopped`
          : `${label} ${describeExit(code, signal)} during ${this.phase}${detail ? ` (${detail})` : ''}`;
        reject(new Error(reason));
        for (const p of this.pending.values()) p.reject(new Error(reason));
        this.pending.clear();
      });
    });
    // A link that dies before anyone awaits `ready` must not raise an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** Starts a worker thread running the engine's worker entry. */
  static thread(index: number, workerEntry: string, name = `cbench-worker-${index}`): TaskLink {
    return new TaskLink(index, `worker ${index}`, threadTransport(workerEntry, name));
  }

  /** Starts a child process through the host's launcher. */
  static child(index: number, launcher: ProcessLauncher, name: string): TaskLink {
    return new TaskLink(index, `child process ${index}`, childTransport(launcher, name));
  }

  get pid(): number | undefined {
    return this.transport.pid;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Sends one task; resolves with its output and timings, rejects with "<label> threw: ..." or an exit reason. */
  run(
    task: TaskSpec,
    options: {
      transfer?: ArrayBuffer[];
      onProgress?: (done: number, total: number) => void;
      /** Child processes: read the result's bulk fields straight into these arrays (saves a copy). */
      into?: BulkTargets;
    } = {},
  ) {
    return new Promise<TaskDone>((resolve, reject) => {
      if (this.exit) {
        reject(
          new Error(
            `${this.label} ${describeExit(this.exit.code, this.exit.signal)} before the task was sent`,
          ),
        );
        return;
      }
      const id = this.nextId++;
      const sentAtMs = epochNowMs();
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress, sentAtMs, into: options.into });
      const failed = (error: unknown): void => {
        if (!this.pending.delete(id)) return; // already settled, e.g. by the exit that broke the send
        reject(new Error(`could not send the task to ${this.label}: ${(error as Error).message}`));
      };
      try {
        if (!this.transport.chunked) {
          this.transport.post({ type: 'task', id, task }, options.transfer ?? []);
          return;
        }
        const { shell, headers, arrays } = splitBulk(task, TASK_BULK_FIELDS[task.kind] ?? []);
        this.transport.post(
          { type: 'task', id, task: shell, ...(headers.length ? { bulk: headers } : {}) },
          [],
        );
        const post = (message: ToWorker): void => {
          if (this.killed || this.exit || !this.pending.has(id)) throw new Error(`${this.label} is gone`);
          this.transport.post(message, []);
        };
        sendChunks(post, id, headers, arrays, true).catch(failed);
      } catch (error) {
        failed(error);
      }
    });
  }

  /** Worker threads only: whether this thread keeps the process alive (children always do). */
  keepAlive(on: boolean): void {
    this.transport.keepAlive?.(on);
  }

  /** Round trip of a ping message, in ms. */
  ping(): Promise<number> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const startMs = performance.now();
      this.pings.set(id, () => resolve(performance.now() - startMs));
      this.transport.post({ type: 'ping', id }, []);
    });
  }

  /** Kills the thread or process now (no grace period) and waits until it is gone. Safe to call twice. */
  async terminate(): Promise<void> {
    if (this.exit) return;
    this.killed = true;
    await this.transport.kill();
    await this.exited;
  }

  private handle(message: FromWorker): void {
    switch (message.type) {
      case 'progress':
        this.pending.get(message.id)?.onProgress?.(message.done, message.total);
        return;
      case 'pong':
        this.pings.get(message.id)?.();
        this.pings.delete(message.id);
        return;
      case 'error': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        const error = new Error(`${this.label} threw: ${message.message}`);
        if (pending) pending.reject(error);
        return;
      }
      case 'chunk': {
        const pending = this.pending.get(message.id);
        const result = pending?.result;
        if (!pending || !result) return;
        this.afterAssembly(message.id, pending, result, result.assembly.add(message));
        return;
      }
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        const headers = message.bulk ?? [];
        const assembly = new BulkAssembly(headers, pending.into);
        if (!assembly.complete) {
          pending.result = { message, assembly };
          if (headers.some((h) => h.file !== undefined)) void this.readResultFiles(message.id, headers);
          return;
        }
        this.settle(message.id, pending, message);
        return;
      }
      case 'ready':
        return;
    }
  }

  /** Reads the result fields task `id`'s child wrote to files, then settles it if nothing else is due. */
  private async readResultFiles(id: number, headers: readonly BulkHeader[]): Promise<void> {
    const pending = this.pending.get(id);
    const result = pending?.result;
    if (!pending || !result) return;
    const problem = await result.assembly.readFiles(headers);
    if (this.pending.get(id) !== pending) return; // settled or rejected meanwhile (the child died)
    this.afterAssembly(id, pending, result, problem);
  }

  /** After a part of task `id`'s result arrived: rejects on a bad part, settles once every part is in. */
  private afterAssembly(
    id: number,
    pending: Pending,
    result: NonNullable<Pending['result']>,
    problem: string | undefined,
  ): void {
    if (problem) {
      this.pending.delete(id);
      pending.reject(new Error(`${this.label} sent a bad result: ${problem}`));
    } else if (result.assembly.complete) {
      this.settle(id, pending, { ...result.message, output: result.assembly.fill(result.message.output) });
    }
  }

  /** Resolves task `id` with its whole result, now held by the orchestrator. */
  private settle(id: number, pending: Pending, message: Extract<FromWorker, { type: 'result' }>): void {
    this.pending.delete(id);
    const arrivedAtMs = epochNowMs();
    const { output, computeMs, loadMs, receivedAtMs, postedAtMs, cpuMs, cpuTotalMs, peakRssBytes } = message;
    const transferMs = Math.max(0, receivedAtMs - pending.sentAtMs) + Math.max(0, arrivedAtMs - postedAtMs);
    pending.resolve({
      output,
      computeMs,
      loadMs,
      receivedAtMs,
      postedAtMs,
      cpuMs,
      cpuTotalMs,
      peakRssBytes,
      transferMs,
    });
  }
}
