// A run long enough to interrupt: primes far past the quick size, on the models that start child processes.
import type { StartRunRequest } from '../../../src/shared/ipc.js';
import type { ShellProcess } from './shell.js';
import { isAlive } from './shell.js';

export const LONG_RUN: StartRunRequest = {
  suite: 'custom',
  workloads: ['primes'],
  models: ['processes', 'process-pool', 'sequential'],
  limit: 20_000_000,
  reps: 5,
  warmup: 0,
  workers: 2,
};

/** Starts LONG_RUN and resolves once child processes are up and a worker has reported progress. */
export async function startLongRun(shell: ShellProcess): Promise<string> {
  const { runId } = await shell.api<{ runId: string }>('startRun', LONG_RUN);
  await shell.waitFor(
    () =>
      shell.spawnedPids.length > 0 && shell.events('progress').some((event) => event.phase === 'worker')
        ? true
        : undefined,
    'a child process and worker progress',
    60_000,
  );
  return runId;
}

/** Pids among `pids` still running after waiting up to `graceMs` for them to go. */
export async function survivors(pids: number[], graceMs = 5_000): Promise<number[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
