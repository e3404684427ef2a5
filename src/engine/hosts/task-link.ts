// The orchestrator's side of one worker thread or child process: start-up, sending tasks, matching results
// by id, progress, exit detection, termination. Models compose these; they never touch raw messages.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { FromWorker, TaskOutput, TaskReport, TaskSpec, ToWorker } from '../../shared/protocol.js';
import type { ChildHandle, ProcessLauncher } from './launcher.js';
import { epochNowMs } from './task-exec.js';

/** A finished task as the orchestrator sees it. */
export interface TaskDone extends TaskReport {
  output: TaskOutput;
  /** Orchestrator starting to send -> worker holding the task, plus worker posting -> orchestrator holding the result. */
  transferMs: number;
}

interface Transport {
  readonly pid: number | undefined;
  post(message: ToWorker, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null, detail?: string) => void): void;
  /** Ends the thread or process now; resolves once it is gone. */
  kill(): Promise<void>;
}

interface Pending {
  resolve(done: TaskDone): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
  sentAtMs: number;
}

/** Parses a message from a worker or child, checking its `type` discriminant. */
export function parseFromWorker(message: unknown): FromWorker | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (type === 'ready' || type === 'progress' || type === 'result' || type === 'error' || type === 'pong') {
    return message as FromWorker;
  }
  return undefined;
}

function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by signal ${signal}` : `exited with code ${code ?? 'unknown'}`;
}

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
  static thread(index: number, workerEntry: string): TaskLink {
    const worker = new Worker(workerEntry, { name: `cbench-worker-${index}` });
    let gone = false;
    worker.once('exit', () => (gone = true));
    // An uncaught error ends the thread and 'exit' follows: its message goes into the exit reason.
    let uncaught: string | undefined;
    worker.on('error', (error) => (uncaught = error.message));
    return new TaskLink(index, `worker ${index}`, {
      pid: undefined,
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) =>
        worker.once('exit', (code) =>
          listener(code, null, uncaught ? `uncaught error: ${uncaught}` : undefined),
        ),
      kill: async () => {
        if (!gone) await worker.terminate();
      },
    });
  }

  /** Starts a child process through the host's launcher. */
  static child(index: number, launcher: ProcessLauncher, name: string): TaskLink {
    const handle: ChildHandle = launcher.launch({ name });
    let gone = false;
    const exited = new Promise<void>((resolve) =>
      handle.onExit(() => {
        gone = true;
        resolve();
      }),
    );
    return new TaskLink(index, `child process ${index}`, {
      get pid() {
        return handle.pid;
      },
      post: (message) => handle.postMessage(message),
      onMessage: (listener) => handle.onMessage(listener),
      onExit: (listener) => handle.onExit(listener),
      kill: async () => {
        if (!gone) handle.kill();
        await exited;
      },
    });
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
    options: { transfer?: ArrayBuffer[]; onProgress?: (done: number, total: number) => void } = {},
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
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress, sentAtMs });
      try {
        this.transport.post({ type: 'task', id, task }, options.transfer ?? []);
      } catch (error) {
        this.pending.delete(id);
        reject(new Error(`could not send the task to ${this.label}: ${(error as Error).message}`));
      }
    });
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
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        const arrivedAtMs = epochNowMs();
        const { output, computeMs, loadMs, receivedAtMs, postedAtMs, cpuMs, cpuTotalMs, peakRssBytes } =
          message;
        const transferMs =
          Math.max(0, receivedAtMs - pending.sentAtMs) + Math.max(0, arrivedAtMs - postedAtMs);
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
        return;
      }
      case 'ready':
        return;
    }
  }
}
