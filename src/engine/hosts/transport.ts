// How the orchestrator reaches one worker thread or child process: posting, listening, noticing its exit,
// killing it. TaskLink speaks the task protocol over either the same way.
import { Worker } from 'node:worker_threads';
import type { ToWorker } from '../../shared/protocol.js';
import type { ChildHandle, ProcessLauncher } from './launcher.js';

/** One thread or child as TaskLink uses it. */
export interface Transport {
  readonly pid: number | undefined;
  /** Child processes: large arrays go in chunks both ways (see bulk.ts); threads move or share them. */
  readonly chunked: boolean;
  post(message: ToWorker, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null, detail?: string) => void): void;
  /** Ends the thread or process now; resolves once it is gone. */
  kill(): Promise<void>;
  /** Worker threads: whether the thread keeps this process alive (Worker.ref / unref). */
  keepAlive?(on: boolean): void;
}

/** How an exit reads in a failure reason. */
export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by signal ${signal}` : `exited with code ${code ?? 'unknown'}`;
}

/** A worker thread running the engine's worker entry. */
export function threadTransport(workerEntry: string, name: string): Transport {
  const worker = new Worker(workerEntry, { name });
  let gone = false;
  worker.once('exit', () => (gone = true));
  // An uncaught error ends the thread and 'exit' follows: its message goes into the exit reason.
  let uncaught: string | undefined;
  worker.on('error', (error) => (uncaught = error.message));
  return {
    pid: undefined,
    chunked: false,
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) =>
      worker.once('exit', (code) =>
        listener(code, null, uncaught ? `uncaught error: ${uncaught}` : undefined),
      ),
    kill: async () => {
      if (!gone) await worker.terminate();
    },
    keepAlive: (on) => (on ? worker.ref() : worker.unref()),
  };
}

/** A child process started through the host's launcher. */
export function childTransport(launcher: ProcessLauncher, name: string): Transport {
  const handle: ChildHandle = launcher.launch({ name });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    handle.onExit(() => {
      gone = true;
      resolve();
    }),
  );
  return {
    get pid() {
      return handle.pid;
    },
    chunked: true,
    post: (message) => handle.postMessage(message),
    onMessage: (listener) => handle.onMessage(listener),
    onExit: (listener) => handle.onExit(listener),
    kill: async () => {
      if (!gone) handle.kill();
      await exited;
    },
  };
}
