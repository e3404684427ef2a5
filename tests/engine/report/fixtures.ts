// Real runs for the report tests: recorded through the runner and the recorder into a real SQLite file, one
// of them with a real worker that throws (a failed result), and the same runs seen from a second machine
// (its bundle re-labelled as another machine's, with a hostile label, and imported).
import { randomUUID } from 'node:crypto';
import { nodeHost } from '../../../src/engine/host.js';
import { collectMachineInfo } from '../../../src/engine/machine.js';
import { runSuite } from '../../../src/engine/runner.js';
import { buildBreakEvenSpec, buildSweepSpec } from '../../../src/engine/sweep/plan.js';
import { runScaling } from '../../../src/engine/sweep/run.js';
import { createRecorder, type Store } from '../../../src/engine/store/index.js';
import type { Bundle } from '../../../src/shared/history.js';
import type { SuiteSpec } from '../../../src/shared/results.js';

export const HOSTILE_LABEL = '<img src=x onerror=alert(1)></script><b>bold</b>';

const SPEC: SuiteSpec = {
  suite: 'custom',
  cases: [
    { id: 'primes:limit=30000:memo=off', params: { workload: 'primes', limit: 30_000, memo: 'off' } },
    {
      id: 'matrix:size=120:kernel=tuned',
      params: { workload: 'matrix', size: 120, seed: 7, kernel: 'tuned' },
    },
  ],
  models: ['sequential', 'worker-threads', 'worker-pool', 'shared-memory'],
  workers: 2,
  reps: 3,
  warmup: 0,
  shuffleSeed: 3,
};

/** Records one real run; with `failing`, that model's second worker throws, so its results fail. */
export async function recordRun(store: Store, failing?: 'worker-threads'): Promise<string> {
  const machine = await collectMachineInfo({});
  const record = createRecorder(store, machine, '0.1.0');
  const outcome = await runSuite({
    spec: SPEC,
    host: nodeHost(),
    onEvent: record,
    ...(failing ? { faults: { model: failing, kind: 'throw' as const, worker: 1 } } : {}),
  });
  return outcome.runId;
}

/** Records a real small sweep (worker-pool and shared-memory at 1 and 2 workers) or break-even search. */
export async function recordScaling(store: Store, kind: 'sweep' | 'break-even'): Promise<string> {
  const host = nodeHost();
  const common = {
    workload: 'primes' as const,
    models: ['worker-pool', 'shared-memory'] as const,
    reps: 2,
    warmup: 0,
    seed: 5,
  };
  const spec =
    kind === 'sweep'
      ? await buildSweepSpec({ ...common, models: [...common.models], workers: [1, 2], limit: 40_000 }, host)
      : // processes, which spawn inside their timing, are never faster than sequential at the smallest size,
        // so the search always measures two sizes or more and the chart has lines to draw (a warm pool can
        // beat the sequential child's round trip at any size, and then the search stops after one size).
        await buildBreakEvenSpec(
          { ...common, models: ['worker-pool', 'processes'], workers: 2, minSize: 2_000, maxSize: 256_000 },
          host,
        );
  const record = createRecorder(store, await collectMachineInfo({}), '0.1.0');
  const outcome = await runScaling({ spec, host, onEvent: record });
  return outcome.runId;
}

/** The run as if it had been recorded on another machine (new ids, another fingerprint and a hostile label). */
export function fromAnotherMachine(store: Store, runId: string): { json: string; runId: string } {
  const bundle = store.exportBundle([runId], '0.1.0') as Bundle;
  const machine = { ...bundle.machines[0], fingerprint: 'f'.repeat(32), label: HOSTILE_LABEL };
  machine.cpu = { ...machine.cpu, brand: 'Other CPU <i>8-core</i>', threads: 16, cores: 8 };
  const newId = randomUUID();
  const run = { ...bundle.runs[0], id: newId, machineFingerprint: machine.fingerprint };
  return { json: JSON.stringify({ ...bundle, machines: [machine], runs: [run] }), runId: newId };
}
