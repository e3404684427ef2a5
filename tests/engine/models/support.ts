// Shared set-up for the model tests: a real Node host whose launcher records the pid of every child it
// starts (the real fork launcher underneath), contexts, and the fixture images.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeHost, type EngineHost } from '../../../src/engine/host.js';
import type { ProcessLauncher } from '../../../src/engine/hosts/launcher.js';
import type { ModelContext } from '../../../src/engine/models/types.js';
import type { ModelId } from '../../../src/shared/results.js';

export const FIXTURE_IMAGES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/images',
);

/** The fixture images (good ones in several formats, a corrupt JPEG, a text file), sorted. */
export function fixtureImages(): string[] {
  return readdirSync(FIXTURE_IMAGES)
    .filter((name) => !name.endsWith('.mjs'))
    .sort()
    .map((name) => path.join(FIXTURE_IMAGES, name));
}

/** The node host with a launcher that remembers every child's pid. */
export function trackingHost(): { host: EngineHost; pids: number[] } {
  const base = nodeHost();
  const pids: number[] = [];
  const launcher: ProcessLauncher = {
    kind: base.launcher.kind,
    launch(options) {
      const handle = base.launcher.launch(options);
      if (handle.pid !== undefined) pids.push(handle.pid);
      return handle;
    },
  };
  return { host: { ...base, launcher }, pids };
}

export function context(
  host: EngineHost,
  options: {
    workers?: number;
    signal?: AbortSignal;
    faults?: ModelContext['faults'];
    onProgress?: ModelContext['onWorkerProgress'];
  } = {},
): ModelContext {
  return {
    host,
    workers: options.workers ?? 2,
    signal: options.signal ?? new AbortController().signal,
    onWorkerProgress: options.onProgress ?? (() => {}),
    ...(options.faults ? { faults: options.faults } : {}),
  };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** OS threads of this process (Linux): each worker thread is one, so a leak shows up here. */
export function osThreadCount(): number {
  return readdirSync('/proc/self/task').length;
}

export const CHILD_MODELS: ModelId[] = ['sequential', 'async', 'processes', 'process-pool'];
export const THREAD_MODELS: ModelId[] = ['worker-threads', 'worker-pool', 'shared-memory'];
