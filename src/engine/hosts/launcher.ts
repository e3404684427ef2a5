// How the engine starts child processes, behind an interface so the same models run under plain Node
// (child_process.fork, below) and inside Electron (utilityProcess.fork, src/main/utility-launcher.ts).
import { fork } from 'node:child_process';
import { engineFile } from './entries.js';

/** A running child process that speaks the engine's child protocol (see src/shared/protocol.ts). */
export interface ChildHandle {
  readonly pid: number | undefined;
  /** Structured-clone messages (typed arrays survive). */
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Fires once when the child is gone, whatever the reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): () => void;
  /** Ends the child now (SIGKILL where the platform has it). */
  kill(): void;
}

export interface ProcessLauncher {
  readonly kind: 'child_process' | 'utilityProcess';
  /** Starts one child running the engine's child entry. `name` shows in process lists. */
  launch(options: { name: string }): ChildHandle;
}

/** ProcessLauncher over child_process.fork with structured-clone ('advanced') serialisation. */
export function createForkLauncher(childEntry: string = engineFile('hosts/child-entry.js')): ProcessLauncher {
  return {
    kind: 'child_process',
    launch({ name }) {
      const child = fork(childEntry, [], {
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, CBENCH_CHILD_NAME: name },
      });
      let exited = false;
      child.once('exit', () => (exited = true));
      // A message sent while the child is dying emits 'error' (ERR_IPC_CHANNEL_CLOSED) instead of throwing;
      // unheard it would end this process. The child's exit is what reports that failure; others stay fatal.
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ERR_IPC_CHANNEL_CLOSED') throw error;
      });
      return {
        get pid() {
          return child.pid;
        },
        postMessage(message) {
          child.send(message as Parameters<typeof child.send>[0]);
        },
        onMessage(listener) {
          child.on('message', listener);
          return () => child.off('message', listener);
        },
        onExit(listener) {
          if (exited) {
            queueMicrotask(() => listener(child.exitCode, child.signalCode));
            return () => {};
          }
          const handler = (code: number | null, signal: NodeJS.Signals | null): void =>
            listener(code, signal);
          child.once('exit', handler);
          return () => child.off('exit', handler);
        },
        kill() {
          if (!exited) child.kill('SIGKILL');
        },
      };
    },
  };
}
