import { expect, test } from 'vitest';
import { exportRun, reportFromRecord } from '../../../src/engine/export/index.js';
import type { RunRecord } from '../../../src/shared/history.js';
import { machine, result, spec } from '../../store/fixtures.js';

test('json is the whole RunReport, samples and digests included, and parses back equal', () => {
  const record: RunRecord = {
    id: 'json-run',
    kind: 'suite',
    suite: 'quick',
    status: 'interrupted',
    startedAt: '2024-01-01T00:00:00.000Z',
    endedAt: null,
    machineId: 7,
    machineLabel: null,
    machineFingerprint: machine().fingerprint,
    cpuBrand: 'EPYC',
    workloads: ['primes'],
    models: ['sequential'],
    resultCount: 1,
    failedCount: 0,
    appVersion: '0.1.0',
    nodeVersion: '20.20.2',
    electronVersion: null,
    spec: spec(['sequential']),
    machine: { ...machine(), id: 7, firstSeen: '2023-01-01T00:00:00Z', lastSeen: '2024-01-01T00:00:00Z' },
    results: [result(0, 'sequential', [20, 21, 22])],
  };
  const report = reportFromRecord(record);
  expect(report.runId).toBe('json-run');
  expect(report.machine).not.toHaveProperty('id');
  const parsed = JSON.parse(exportRun('json', report));
  expect(parsed).toEqual(report);
  expect(parsed.results[0].samples[2].digest.values.count).toBe(2262);
});
