// Whether a text holds a valid bundle: its envelope, then each run against its machines, naming the
// first problem with a BundleError. Nothing here writes; the import and the session history both use it.
import { z } from 'zod';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../shared/history.js';
import { RUN_KINDS } from '../../shared/scaling.js';
import { bundleTextOf } from '../report/bundle-block.js';
import { BadRequestError } from '../service.js';
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

export type BundleRun = Bundle['runs'][number];

/** The bundle of an import: the text itself, or the block embedded in an HTML report (a report is a bundle). */
export function unwrapReport(text: string, source: string): string {
  const json = bundleTextOf(text);
  if (json instanceof Error) throw new BundleError(source, json.message);
  return json;
}

function notJson(source: string, error: unknown): BundleError {
  return new BundleError(source, `it is not valid JSON (${(error as Error).message})`);
}

/** Checks everything but the runs' contents: format, version, envelope fields and machines. */
export function checkEnvelope(raw: unknown, source: string): Bundle {
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
export class RunChecker {
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
