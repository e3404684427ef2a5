// The engine's ProcessLauncher inside Electron: children are utility processes (Chromium-managed Node
// processes) running the same child entry as under plain Node, which talks through process.parentPort.
import { utilityProcess } from 'electron';
import type { ChildHandle, ProcessLauncher } from '../engine/hosts/launcher.js';

/** ProcessLauncher over `utilityProcess.fork`, starting `childEntry` (the bundled hosts/child-entry). */
export function createUtilityLauncher(childEntry: string): ProcessLauncher {
  return {
    kind: 'utilityProcess',
    launch({ name }): ChildHandle {
      const child = utilityProcess.fork(childEntry, [], {
        serviceName: name,
        stdio: 'inherit',
        env: { ...process.env, CBENCH_CHILD_NAME: name },
      });
      let exitCode: number | undefined;
      let killWhenSpawned = false;
      child.once('exit', (code) => (exitCode = code));

      const hardKill = (): void => {
        const pid = child.pid;
        if (pid === undefined) return;
        // utilityProcess.kill() sends SIGTERM; the contract asks for an immediate end where there is SIGKILL.
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          child.kill();
        }
      };
      child.once('spawn', () => {
        if (killWhenSpawned) hardKill();
      });

      return {
        get pid() {
          return child.pid;
        },
        postMessage(message) {
          child.postMessage(message);
        },
        onMessage(listener) {
          const handler = (message: unknown): void => listener(message);
          child.on('message', handler);
          return () => child.off('message', handler);
        },
        onExit(listener) {
          if (exitCode !== undefined) {
            const code = exitCode;
            queueMicrotask(() => listener(code, null));
            return () => {};
          }
          // utilityProcess reports only a code: a signal shows as a non-zero code, never as a name.
          const handler = (code: number): void => listener(code, null);
          child.once('exit', handler);
          return () => child.off('exit', handler);
        },
        kill() {
          if (exitCode !== undefined) return;
          if (child.pid === undefined) {
            killWhenSpawned = true;
            return;
          }
          hardKill();
        },
      };
    },
  };
}
