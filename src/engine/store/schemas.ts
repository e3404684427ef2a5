// zod schemas for the stored shapes (results, specs, machines), shared by bundle import and IPC validation.
import { z } from 'zod';
import { MATRIX_KERNELS, MEMO_MODES, MODEL_IDS, SUITE_IDS, WORKLOAD_IDS } from '../../shared/results.js';

/** Run ids as the runner makes them, and as they may travel in bundles and IPC payloads. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const runIdSchema = z
  .string()
  .regex(RUN_ID_PATTERN, 'run ids are 1-100 letters, digits, ".", "_", ":" or "-"');

const text = (max = 4096) => z.string().max(max);
// zod 4's number() already refuses NaN and ±Infinity; a refine here would cost per value on big bundles.
const finite = z.number();
const count = z.number().int().nonnegative();

export const workloadSchema = z.enum(WORKLOAD_IDS);
export const modelSchema = z.enum(MODEL_IDS);
export const suiteSchema = z.enum(SUITE_IDS);

const paramsSchema = z.discriminatedUnion('workload', [
  z.strictObject({ workload: z.literal('primes'), limit: count, memo: z.enum(MEMO_MODES) }),
  z.strictObject({
    workload: z.literal('images'),
    inputs: z.array(text()),
    width: count,
    height: count,
    outDir: text().optional(),
  }),
  z.strictObject({
    workload: z.literal('matrix'),
    size: count,
    seed: finite,
    kernel: z.enum(MATRIX_KERNELS),
  }),
]);

const scalingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sweep'),
    workload: workloadSchema,
    workerCounts: z.array(count.min(1)).min(1),
    weak: z.boolean(),
    cpuCount: count.min(1),
  }),
  z.strictObject({
    kind: z.literal('break-even'),
    workload: workloadSchema,
    workers: count.min(1),
    minSize: count.min(1),
    maxSize: count.min(1),
    cpuCount: count.min(1),
  }),
]);

export const suiteSpecSchema = z.strictObject({
  suite: suiteSchema,
  cases: z.array(z.strictObject({ id: text(500), params: paramsSchema })),
  models: z.array(modelSchema),
  workers: count,
  reps: count,
  warmup: count,
  shuffleSeed: finite,
  scaling: scalingSchema.optional(),
});

const digestSchema = z.strictObject({
  values: z.record(z.string(), z.union([z.string(), finite])),
  approx: z.record(z.string(), finite).optional(),
  tolerance: finite.optional(),
});

const sampleSchema = z.strictObject({
  rep: count,
  wallMs: finite,
  startupMs: finite,
  startupInWall: z.boolean(),
  transferMs: finite,
  computeMs: z.strictObject({ min: finite, max: finite, sum: finite }),
  mergeMs: finite,
  cpuMs: finite,
  peakRssBytes: finite,
  eventLoopDelayMs: z.strictObject({ p50: finite, p99: finite, max: finite }),
  workers: z.array(z.strictObject({ index: count, items: count, computeMs: finite })),
  digest: digestSchema,
  verification: z.strictObject({ ok: z.boolean(), reason: text().optional() }),
  files: z
    .array(
      z.strictObject({
        input: text(),
        ok: z.boolean(),
        output: text().optional(),
        inputWidth: count.optional(),
        inputHeight: count.optional(),
        inputBytes: count.optional(),
        format: text(100).optional(),
        pixelHash: text(200).optional(),
        error: text().optional(),
      }),
    )
    .optional(),
});

const summarySchema = z.strictObject({
  n: count,
  medianMs: finite,
  madMs: finite,
  meanMs: finite,
  minMs: finite,
  maxMs: finite,
  ci95Ms: z.tuple([finite, finite]),
  outliers: z.array(count),
  relativeSpread: finite,
});

export const modelResultSchema = z.strictObject({
  caseId: text(500),
  workload: workloadSchema,
  model: modelSchema,
  params: paramsSchema,
  workers: count,
  status: z.enum(['ok', 'failed', 'cancelled']),
  reason: text().optional(),
  samples: z.array(sampleSchema),
  summary: summarySchema.optional(),
  startupMs: finite.optional(),
  warnings: z.array(text()),
  expected: digestSchema.optional(),
});

const nullableText = (max = 500) => z.string().max(max).nullable();
const nullableCount = count.nullable();

export const machineInfoSchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{8,128}$/, 'fingerprints are 8-128 lowercase hex digits'),
  label: nullableText(200),
  cpu: z.strictObject({
    manufacturer: nullableText(),
    brand: nullableText(),
    vendor: nullableText(),
    family: nullableText(),
    model: nullableText(),
    cores: nullableCount,
    threads: count,
    speedBaseGHz: finite.nullable(),
    speedMaxGHz: finite.nullable(),
    cacheL1dBytes: nullableCount,
    cacheL2Bytes: nullableCount,
    cacheL3Bytes: nullableCount,
    flags: z.array(text(100)),
    governor: nullableText(),
    virtualization: nullableText(),
  }),
  memoryBytes: count,
  os: z.strictObject({
    platform: text(100),
    distro: nullableText(),
    release: nullableText(),
    kernel: nullableText(),
    arch: text(100),
  }),
  runtime: z.strictObject({
    node: text(100),
    v8: text(100),
    electron: nullableText(100),
    uv: nullableText(100),
  }),
  noise: z.array(text()),
});

export const runStatusSchema = z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']);

/** A path as it reads in messages: `runs[2].results[1].samples[0].wallMs`, or `(root)` when empty. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(root)';
}

/** The first few issues of a failed parse as "path: message", for an error that names what was wrong. */
export function describeIssues(error: z.ZodError, max = 3, prefix: PropertyKey[] = []): string {
  const parts = error.issues
    .slice(0, max)
    .map((issue) => `${formatPath([...prefix, ...issue.path])}: ${issue.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
