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
import { RUN_KINDS } from '../../shared/scaling.js';
import { bundleTextOf } from '../report/bundle-block.js';
import { BadRequestError } from '../service.js';
import { Machines } from './machines.js';
import type { Runs } from './runs.js';
import type { SqliteDatabase } from './native.js';
import { locateRuns } from './bundle-layout.js';
import { checkModelResult } from './result-check.js';
import {
  describeIssues,
  formatPath,
  machineInfoSchema,
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
  // Absent in bundles made before runs had kinds; on import the kind is read from the spec's scaling plan.
  kind: z.enum(RUN_KINDS).optional(),
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
  // Each result is checked by checkModelResult (the same rules as modelResultSchema, about ten times faster).
  results: z.array(z.unknown()),
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

type BundleRun = Bundle['runs'][number];

/** The bundle of an import: the text itself, or the block embedded in an HTML report (a report is a bundle). */
function unwrapReport(text: string, source: string): string {
  const json = bundleTextOf(text);
  if (json instanceof Error) throw new BundleError(source, json.message);
  return json;
}

function notJson(source: string, error: unknown): BundleError {
  return new BundleError(source, `it is not valid JSON (${(error as Error).message})`);
}

/** Checks everything but the runs' contents: format, version, envelope fields and machines. */
function checkEnvelope(raw: unknown, source: string): Bundle {
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
  return raw as Bundle;
}

/**
 * Checks run `i` of a bundle whose envelope passed, against the machines it carries and the run ids seen
 * so far (to which it adds this one). Every check is strict and transforms nothing, so a run that passes is
 * exactly its parsed JSON and is used as it is, never copied.
 */
class RunChecker {
  private readonly fingerprints: Set<string>;
  private readonly ids = new Set<string>();

  constructor(
    private readonly source: string,
    machines: Bundle['machines'],
  ) {
    this.fingerprints = new Set(machines.map((m) => m.fingerprint));
  }

  check(raw: unknown, i: number): BundleRun {
    const { source } = this;
    const checked = bundleRunSchema.safeParse(raw);
    if (!checked.success) throw new BundleError(source, describeIssues(checked.error, 3, ['runs', i]));
    const run = raw as BundleRun;
    const results = run.results as unknown[];
    for (let j = 0; j < results.length; j++) {
      const problem = checkModelResult(results[j]);
      if (problem) {
        const where = formatPath(['runs', i, 'results', j, ...problem.path]);
        throw new BundleError(source, `${where}: ${problem.message}`);
      }
    }
    if (!this.fingerprints.has(run.machineFingerprint)) {
      throw new BundleError(
        source,
        `runs[${i}] (${run.id}) names machine ${run.machineFingerprint}, not in the bundle`,
      );
    }
    if (this.ids.has(run.id)) throw new BundleError(source, `run ${run.id} appears twice`);
    this.ids.add(run.id);
    const keys = new Set<string>();
    for (const result of run.results) {
      const key = `${result.caseId}\u0000${result.model}`;
      if (keys.has(key)) {
        throw new BundleError(source, `run ${run.id} has two results for ${result.caseId} / ${result.model}`);
      }
      keys.add(key);
    }
    return run;
  }
}

/** Parses and fully validates a bundle's text; throws BundleError naming the first problem. */
export function parseBundle(text: string, source = 'bundle'): Bundle {
  const json = unwrapReport(text, source);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw notJson(source, error);
  }
  const bundle = checkEnvelope(raw, source);
  const checker = new RunChecker(source, bundle.machines);
  const runs: unknown[] = bundle.runs;
  for (let i = 0; i < runs.length; i++) checker.check(runs[i], i);
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

/** Stores the machines of a checked bundle; returns their row ids by fingerprint. */
function storeMachines(machines: Machines, infos: MachineInfo[], now: string): Map<string, number> {
  const ids = new Map<string, number>();
  // A known machine keeps its own details and label; an unknown one is created as it was exported.
  for (const info of infos) ids.set(info.fingerprint, machines.upsert(info, now, false).id);
  return ids;
}

/** Stores one checked run unless a run with its id is already stored; says whether it was stored. */
function storeRun(runs: Runs, run: BundleRun, machineId: number): boolean {
  if (runs.has(run.id)) return false;
  runs.begin({
    runId: run.id,
    spec: run.spec,
    startedAt: run.startedAt,
    machineId,
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
  return true;
}

function tally(report: ImportReport, runId: string, stored: boolean): void {
  if (!stored) {
    report.skipped++;
    return;
  }
  report.imported++;
  report.runIds.push(runId);
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
    const machineIds = storeMachines(machines, bundle.machines, now);
    const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
    for (const run of bundle.runs) {
      tally(report, run.id, storeRun(runs, run, machineIds.get(run.machineFingerprint)!));
    }
    return report;
  })();
}

/** A piece of the text that JSON.parse refused: the whole text is then parsed for the reason. */
class BrokenPiece extends Error {}

function parsePiece(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BrokenPiece();
  }
}

/**
 * Imports a bundle's text in one transaction, parsing, checking and storing one run at a time (see
 * bundle-layout.ts for why). The first bad run throws and the transaction is rolled back, so a rejected
 * bundle leaves nothing behind, as if it had been checked whole first. Runs already present are skipped.
 */
export function importBundleText(
  db: SqliteDatabase,
  runs: Runs,
  machines: Machines,
  text: string,
  source: string,
  now: string,
): ImportReport {
  const json = unwrapReport(text, source);
  const whole = (): ImportReport => importBundle(db, runs, machines, parseBundle(json, source), now);
  const layout = locateRuns(json);
  if (!layout) return whole();
  try {
    return db.transaction((): ImportReport => {
      const raw = parsePiece(json.slice(0, layout.runsStart) + '[]' + json.slice(layout.runsEnd));
      const envelope = checkEnvelope(raw, source);
      // An escaped or repeated "runs" key would leave another array here than the empty one put in.
      if (envelope.runs.length !== 0) throw new BrokenPiece();
      const machineIds = storeMachines(machines, envelope.machines, now);
      const checker = new RunChecker(source, envelope.machines);
      const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
      for (let i = 0; i < layout.runs.length; i++) {
        const [start, end] = layout.runs[i];
        const run = checker.check(parsePiece(json.slice(start, end)), i);
        tally(report, run.id, storeRun(runs, run, machineIds.get(run.machineFingerprint)!));
      }
      return report;
    })();
  } catch (error) {
    // The transaction was rolled back; parsing the whole text names what is wrong with it.
    if (error instanceof BrokenPiece) return whole();
    throw error;
  }
}
