import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import type { SuiteSpec } from '../../src/shared/results.js';
import { machine, result, spec, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

function sweepSpec(): SuiteSpec {
  return {
    ...spec(['sequential', 'worker-threads']),
    scaling: { kind: 'sweep', workload: 'primes', workerCounts: [1, 2], weak: false, cpuCount: 2 },
  };
}

test('a sweep keeps its kind and plan through export and import into another history', () => {
  const a = openStore(path.join(temp.dir, 'a.sqlite'));
  const b = openStore(path.join(temp.dir, 'b.sqlite'));
  try {
    const stored = a.upsertMachine(machine(), '2024-02-01T00:00:00.000Z');
    a.beginRun({
      runId: 'sweep-1',
      spec: sweepSpec(),
      startedAt: '2024-02-01T00:00:00.000Z',
      machineId: stored.id,
      appVersion: '0.1.0',
      nodeVersion: '20.20.2',
      v8Version: '11.3',
      electronVersion: null,
      noise: [],
      pid: null,
      hostname: null,
    });
    a.addResult('sweep-1', result(0, 'sequential', [20, 21, 22]));
    a.addResult('sweep-1', result(0, 'worker-threads', [11, 12, 13]));
    a.finishRun('sweep-1', 'completed', '2024-02-01T00:01:00.000Z');
    const bundle = JSON.stringify(a.exportBundle(['sweep-1'], '0.1.0'));
    expect(JSON.parse(bundle).runs[0].kind).toBe('sweep');

    expect(b.importBundle(bundle).imported).toBe(1);
    const run = b.getRun('sweep-1');
    expect(run.kind).toBe('sweep');
    expect(run.spec.scaling).toEqual(sweepSpec().scaling);
    expect(b.listRuns({ kind: 'sweep' }).runs.map((r) => r.id)).toEqual(['sweep-1']);
  } finally {
    a.close();
    b.close();
  }
});

test('a bundle whose scaling plan is malformed is refused, naming the field', () => {
  const c = openStore(path.join(temp.dir, 'c.sqlite'));
  const d = openStore(path.join(temp.dir, 'd.sqlite'));
  try {
    const stored = c.upsertMachine(machine(), '2024-02-01T00:00:00.000Z');
    c.beginRun({
      runId: 'sweep-2',
      spec: sweepSpec(),
      startedAt: '2024-02-01T00:00:00.000Z',
      machineId: stored.id,
      appVersion: '0.1.0',
      nodeVersion: '20.20.2',
      v8Version: null,
      electronVersion: null,
      noise: [],
      pid: null,
      hostname: null,
    });
    const bundle = c.exportBundle(['sweep-2'], '0.1.0');
    (bundle.runs[0].spec.scaling as { workerCounts: unknown }).workerCounts = [0];
    expect(() => d.importBundle(JSON.stringify(bundle))).toThrow(/workerCounts/);
  } finally {
    c.close();
    d.close();
  }
});
