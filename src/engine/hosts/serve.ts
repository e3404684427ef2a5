// The task loop shared by the worker-thread entry and the child-process entry: one message handler, two
// transports. Every incoming message is checked against the ToWorker union before it is used.
import { performance } from 'node:perf_hooks';
import type { FromWorker, TaskReport, TaskSpec, ToWorker } from '../../shared/protocol.js';
import { epochNowMs, executeTask, loadKernels, transferablesOf } from './task-exec.js';

/** Where a serving worker posts its messages; `transfer` is honoured by worker threads and ignored by children. */
export interface TaskPort {
  post(message: FromWorker, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
}

const TASK_KINDS = new Set([
  'primes',
  'matrix',
  'images',
  'shared-primes',
  'shared-matrix',
  'shared-images',
  'noop',
]);

/** Narrows an incoming message to ToWorker, or explains what is wrong with it. */
export function parseToWorker(message: unknown): ToWorker | string {
  if (typeof message !== 'object' || message === null) return 'message is not an object';
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'shutdown':
      return { type: 'shutdown' };
    case 'ping':
      return typeof m.id === 'number' ? { type: 'ping', id: m.id } : 'ping without a numeric id';
    case 'task': {
      if (typeof m.id !== 'number') return 'task without a numeric id';
      const task = m.task as { kind?: unknown } | null;
      if (
        typeof task !== 'object' ||
        task === null ||
        typeof task.kind !== 'string' ||
        !TASK_KINDS.has(task.kind)
      ) {
        return `task ${m.id} has no known kind`;
      }
      return { type: 'task', id: m.id, task: task as TaskSpec };
    }
    default:
      return `unknown message type: ${String(m.type)}`;
  }
}

/**
 * Serves tasks on `port` until a shutdown message. `child` adds the process figures (CPU, peak RSS) that
 * only mean something when the process is the worker's own.
 */
export function serveTasks(port: TaskPort, options: { child: boolean; onShutdown(): void }): void {
  port.onMessage((raw) => {
    const message = parseToWorker(raw);
    if (typeof message === 'string') {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      port.post({ type: 'error', id, message: `bad message: ${message}` });
      return;
    }
    if (message.type === 'shutdown') return options.onShutdown();
    if (message.type === 'ping') return port.post({ type: 'pong', id: message.id });
    void runOne(port, message.id, message.task, options.child);
  });
  port.post({ type: 'ready', startupMs: performance.now() });
}

async function runOne(port: TaskPort, id: number, task: TaskSpec, child: boolean): Promise<void> {
  const receivedAtMs = epochNowMs();
  const cpuBefore = child ? process.cpuUsage() : undefined;
  try {
    const loadMs = await loadKernels(task);
    const startMs = performance.now();
    const output = await executeTask(task, {
      onProgress: (done, total) => port.post({ type: 'progress', id, done, total }),
    });
    const report: TaskReport = {
      computeMs: performance.now() - startMs,
      loadMs,
      receivedAtMs,
      postedAtMs: 0,
    };
    if (cpuBefore) {
      const delta = process.cpuUsage(cpuBefore);
      const total = process.cpuUsage();
      report.cpuMs = (delta.user + delta.system) / 1000;
      report.cpuTotalMs = (total.user + total.system) / 1000;
      report.peakRssBytes = process.resourceUsage().maxRSS * 1024;
    }
    report.postedAtMs = epochNowMs();
    port.post({ type: 'result', id, output, ...report }, transferablesOf(output));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.post({ type: 'error', id, message: e.message, stack: e.stack });
  }
}
