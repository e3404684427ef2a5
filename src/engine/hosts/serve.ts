// The task loop shared by the worker-thread entry and the child-process entry: one message handler, two
// transports. Every incoming message is checked against the ToWorker union before it is used.
import { performance } from 'node:perf_hooks';
import type { BulkHeader, FromWorker, TaskReport, TaskSpec, ToWorker } from '../../shared/protocol.js';
import {
  BULK_CHUNK_BYTES,
  BulkAssembly,
  OUTPUT_BULK_FIELDS,
  parseChunk,
  sendChunks,
  splitBulk,
  writeBulkFiles,
} from './bulk.js';
import { adoptSharedInput, epochNowMs, executeTask, loadKernels, transferablesOf } from './task-exec.js';

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
  'prepare-matrix',
  'reference-primes',
  'digest-matrix',
]);

function parseBulkHeaders(value: unknown, id: number): BulkHeader[] | string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return `task ${id} has a bulk list that is not an array`;
  for (const h of value as Array<Record<string, unknown> | null>) {
    if (
      typeof h !== 'object' ||
      h === null ||
      !['aRows', 'b', 'c', 'primes'].includes(h.field as string) ||
      (h.type !== 'float64' && h.type !== 'int32') ||
      typeof h.length !== 'number' ||
      !Number.isInteger(h.length) ||
      h.length < 0
    ) {
      return `task ${id} announces a malformed bulk field`;
    }
  }
  return value as BulkHeader[];
}

/** Narrows an incoming message to ToWorker, or explains what is wrong with it. */
export function parseToWorker(message: unknown): ToWorker | string {
  if (typeof message !== 'object' || message === null) return 'message is not an object';
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'shutdown':
      return { type: 'shutdown' };
    case 'ping':
      return typeof m.id === 'number' ? { type: 'ping', id: m.id } : 'ping without a numeric id';
    case 'chunk':
      return parseChunk(m);
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
      const bulk = parseBulkHeaders(m.bulk, m.id);
      if (typeof bulk === 'string') return bulk;
      return { type: 'task', id: m.id, task: task as TaskSpec, ...(bulk ? { bulk } : {}) };
    }
    default:
      return `unknown message type: ${String(m.type)}`;
  }
}

/**
 * Serves tasks on `port` until a shutdown message. `child` adds the process figures (CPU, peak RSS) that
 * only mean something when the process is the worker's own, and sends large outputs in chunks (a child
 * cannot move buffers the way a worker thread does).
 */
export function serveTasks(port: TaskPort, options: { child: boolean; onShutdown(): void }): void {
  // Tasks whose bulk fields are still arriving, by id.
  const assembling = new Map<number, { task: TaskSpec; assembly: BulkAssembly }>();
  const refuse = (id: number, text: string): void => port.post({ type: 'error', id, message: text });
  port.onMessage((raw) => {
    const message = parseToWorker(raw);
    if (typeof message === 'string') {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      refuse(id, `bad message: ${message}`);
      return;
    }
    switch (message.type) {
      case 'shutdown':
        return options.onShutdown();
      case 'ping':
        return port.post({ type: 'pong', id: message.id });
      case 'task': {
        const headers = message.bulk ?? [];
        if (headers.length === 0) return void runOne(port, message.id, message.task, options.child);
        const assembly = new BulkAssembly(headers);
        if (assembly.complete)
          return void runOne(port, message.id, assembly.fill(message.task), options.child);
        assembling.set(message.id, { task: message.task, assembly });
        return;
      }
      case 'chunk': {
        const entry = assembling.get(message.id);
        if (!entry)
          return refuse(message.id, `bad message: chunk for task ${message.id}, which is not expected`);
        const problem = entry.assembly.add(message);
        if (problem) {
          assembling.delete(message.id);
          return refuse(message.id, `bad message: ${problem}`);
        }
        if (entry.assembly.complete) {
          assembling.delete(message.id);
          void runOne(port, message.id, entry.assembly.fill(entry.task), options.child);
        }
        return;
      }
    }
  });
  port.post({ type: 'ready', startupMs: performance.now() });
}

async function runOne(port: TaskPort, id: number, received: TaskSpec, child: boolean): Promise<void> {
  const cpuBefore = child ? process.cpuUsage() : undefined;
  try {
    // The task is held once its shared input is in this worker's own memory: that copy is transfer.
    const task = adoptSharedInput(received);
    const receivedAtMs = epochNowMs();
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
    if (!child) {
      report.postedAtMs = epochNowMs();
      port.post({ type: 'result', id, output, ...report }, transferablesOf(output));
      return;
    }
    const { shell, headers, arrays } = splitBulk(
      output,
      OUTPUT_BULK_FIELDS[output.kind] ?? [],
      BULK_CHUNK_BYTES,
    );
    // From here on it is transfer: writing the result file, or the chunks when no file can be written.
    report.postedAtMs = epochNowMs();
    const inFiles = headers.length > 0 && (await writeBulkFiles(headers, arrays));
    port.post({ type: 'result', id, output: shell, ...report, ...(headers.length ? { bulk: headers } : {}) });
    if (!inFiles) await sendChunks((chunk) => port.post(chunk), id, headers, arrays, true);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.post({ type: 'error', id, message: e.message, stack: e.stack });
  }
}
