// Portable JSON bundles of runs with their machines. A bundle is validated whole before anything is
// written, then imported in one transaction: either every new run lands or none does.
import { z } from 'zod';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type ImportReport,
  type MachineInfo,
} from '../../shared/history.js';
import { BadRequestError } from '../service.js';
import { Machines } from './machines.js';
import type { Runs } from './runs.js';
import type { SqliteDatabase } from './native.js';
import {
  describeIssues,
  machineInfoSchema,
  modelResultSchema,
  modelSchema,
  runIdSchema,
  runStatusSchema,
  suiteSchema,
  suiteSpecSchema,
  workloadSchema,
} from './schemas.js';

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');

const bundleRunSchema = z.strictObject({
  id: runIdSchema,
  suite: suiteSchema,
  status: runStatusSchema,
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  machineLabel: z.string().max(200).nullable(),
  machineFingerprint: machineInfoSchema.shape.fingerprint,
  cpuBrand: z.string().max(500).nullable(),
  workloads: z.array(workloadSchema),
  models: z.array(modelSchema),
  resultCount: z.number().int().nonnegative(),
  failedCount: z.number().int().nonnegative(),
  appVersion: z.string().max(100),
  nodeVersion: z.string().max(100),
  electronVersion: z.string().max(100).nullable(),
  v8Version: z.string().max(100).nullable().optional(),
  noise: z.array(z.string().max(4096)).optional(),
  spec: suiteSpecSchema,
  results: z.array(modelResultSchema),
});

// Runs are checked one by one below (see parseBundle), so the envelope only says they are a list.
const envelopeSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number(),
  exportedAt: isoTime,
  appVersion: z.string().max(100),
  machines: z.array(machineInfoSchema),
  runs: z.array(z.unknown()),
});

/** Thrown for a bundle that cannot be imported; nothing from it was written. */
export class BundleError extends BadRequestError {
  constructor(source: string, why: string) {
    super(`cannot import ${source}: ${why}; nothing was imported`);
  }
}

/** Parses and fully validates a bundle's text; throws BundleError naming the first problems. */
export function parseBundle(json: string, source = 'bundle'): Bundle {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new BundleError(source, `it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw new BundleError(source, `it is not a Concurrency Bench bundle (format is not "${BUNDLE_FORMAT}")`);
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== BUNDLE_VERSION) {
    throw new BundleError(
      source,
      `bundle version ${JSON.stringify(version)} is not supported (this build reads version ${BUNDLE_VERSION})`,
    );
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BundleError(source, describeIssues(envelope.error));
  // Every schema is strict and transforms nothing, so a run that passes is exactly its parsed JSON. Checking
  // run by run and keeping the JSON.parse tree (not zod's copy) lets each copy die young: on a 1,000-run
  // bundle that halves the garbage collector's share of the import.
  const runs = (raw as { runs: unknown[] }).runs;
  for (let i = 0; i < runs.length; i++) {
    const checked = bundleRunSchema.safeParse(runs[i]);
    if (!checked.success) throw new BundleError(source, describeIssues(checked.error, 3, ['runs', i]));
  }
  const bundle = raw as Bundle;
  const fingerprints = new Set(bundle.machines.map((m) => m.fingerprint));
  const ids = new Set<string>();
  for (const [i, run] of bundle.runs.entries()) {
    if (!fingerprints.has(run.machineFingerprint)) {
      throw new BundleError(
        source,
        `runs[${i}] (${run.id}) names machine ${run.machineFingerprint}, not in the bundle`,
      );
    }
    if (ids.has(run.id)) throw new BundleError(source, `run ${run.id} appears twice`);
    ids.add(run.id);
    const keys = new Set<string>();
    for (const result of run.results) {
      const key = `${result.caseId}\u0000${result.model}`;
      if (keys.has(key)) {
        throw new BundleError(source, `run ${run.id} has two results for ${result.caseId} / ${result.model}`);
      }
      keys.add(key);
    }
  }
  return bundle;
}

/** Builds a bundle of the given runs (already checked to exist) and the machines they ran on. */
export function buildBundle(
  runs: Runs,
  machines: Machines,
  ids: string[],
  appVersion: string,
  now: string,
): Bundle {
  runs.requireAll(ids);
  const machineInfos = new Map<string, MachineInfo>();
  const bundleRuns: Bundle['runs'] = [];
  for (const id of new Set(ids)) {
    const { machine, machineId: _machineId, ...record } = runs.get(id);
    if (!machineInfos.has(machine.fingerprint)) {
      // The machine entry carries the machine as stored, not one run's runtime snapshot.
      machineInfos.set(machine.fingerprint, Machines.toInfo(machines.get(machine.id)!));
    }
    bundleRuns.push({
      ...record,
      machineFingerprint: machine.fingerprint,
      v8Version: machine.runtime.v8,
      noise: machine.noise,
    });
  }
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now,
    appVersion,
    machines: [...machineInfos.values()],
    runs: bundleRuns,
  };
}

/** Imports a validated bundle in one transaction. Runs already present (same id) are skipped. */
export function importBundle(
  db: SqliteDatabase,
  runs: Runs,
  machines: Machines,
  bundle: Bundle,
  now: string,
): ImportReport {
  return db.transaction((): ImportReport => {
    const machineIds = new Map<string, number>();
    for (const info of bundle.machines) {
      // A known machine keeps its own details and label; an unknown one is created as it was exported.
      machineIds.set(info.fingerprint, machines.upsert(info, now, false).id);
    }
    const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
    for (const run of bundle.runs) {
      if (runs.has(run.id)) {
        report.skipped++;
        continue;
      }
      runs.begin({
        runId: run.id,
        spec: run.spec,
        startedAt: run.startedAt,
        machineId: machineIds.get(run.machineFingerprint)!,
        appVersion: run.appVersion,
        nodeVersion: run.nodeVersion,
        v8Version: run.v8Version ?? null,
        electronVersion: run.electronVersion,
        noise: run.noise ?? [],
        // No pid: an imported run is never mistaken for one this host is recording. One that was still
        // being recorded when exported will never finish here.
        pid: null,
        hostname: null,
        status: run.status === 'running' ? 'interrupted' : run.status,
        endedAt: run.endedAt,
      });
      runs.addResultsUnsafe(run.id, run.results);
      report.imported++;
      report.runIds.push(run.id);
    }
    return report;
  })();
}
