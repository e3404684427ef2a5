// Validation of every IpcContract request where it enters the backend: unknown fields are
// rejected, strings and lists bounded, ids checked. Both the Electron IPC and the WebSocket bridge pass
// raw payloads through `parseRequest`, so neither transport can smuggle in a shape the handlers don't expect.
import { z } from 'zod';
import type { IpcChannel, IpcRequest } from '../shared/ipc.js';
import { MATRIX_KERNELS, MEMO_MODES, MODEL_IDS, WORKLOAD_IDS } from '../shared/results.js';
import { BadRequestError } from './service.js';
import { RUN_KINDS } from '../shared/scaling.js';
import { describeIssues, runIdSchema, suiteSchema } from './store/schemas.js';

/** Largest bundle accepted over IPC (characters of JSON). */
export const MAX_BUNDLE_CHARS = 256 * 1024 * 1024;
/** Runs one request may name (compare, export, delete). */
export const MAX_RUN_IDS = 10_000;
export const MAX_COMPARE_RUNS = 20;
export const MAX_PAGE = 10_000;
export const MAX_IMAGE_PATHS = 200;
const MAX_PATH_CHARS = 4096;

/** Machine labels are printed in terminals: no escape sequences, newlines or other control characters. */
export const MAX_LABEL_CHARS = 100;
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const unique = <T>(list: T[]): boolean => new Set(list).size === list.length;
const uniqueList = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .min(1, `give at least one ${what}`)
    .max(max, `at most ${max} ${what}s`)
    .refine(unique, `${what}s must not repeat`);

const int = (min: number, max: number) => z.number().int().min(min).max(max);
/**
 * Every field naming a file or folder uses this schema: its `fileOrFolder` mark is how `requestPaths` finds
 * the paths of a request, so the service's path policy covers a new path field without being told.
 */
const path = z
  .string()
  .min(1, 'empty path')
  .max(MAX_PATH_CHARS)
  .refine((p) => !p.includes('\0'), 'NUL in path')
  .meta({ fileOrFolder: true });
const runIds = (max: number) => z.array(runIdSchema).min(1, 'give at least one run id').max(max);

/** No payload: undefined, null or an empty object (JSON transports cannot send undefined). */
const none = z.union([z.undefined(), z.null(), z.strictObject({})]).transform(() => undefined);

const startRun = z.strictObject({
  suite: suiteSchema,
  workloads: uniqueList(z.enum(WORKLOAD_IDS), WORKLOAD_IDS.length, 'workload').optional(),
  models: uniqueList(z.enum(MODEL_IDS), MODEL_IDS.length, 'model').optional(),
  limit: int(1, 2_000_000_000).optional(),
  memo: uniqueList(z.enum(MEMO_MODES), MEMO_MODES.length, 'memo mode').optional(),
  size: int(1, 8192).optional(),
  kernel: z.enum(MATRIX_KERNELS).optional(),
  images: z.array(path).max(1000, 'at most 1000 images').optional(),
  workers: int(1, 256).optional(),
  reps: int(1, 1000).optional(),
  warmup: int(0, 100).optional(),
  seed: int(0, 0xffff_ffff).optional(),
  save: z.boolean().optional(),
  scaling: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('sweep'),
        workerCounts: uniqueList(int(1, 256), 256, 'worker count').optional(),
        weak: z.boolean().optional(),
      }),
      z.strictObject({
        kind: z.literal('break-even'),
        minSize: int(1, 2_000_000_000).optional(),
        maxSize: int(1, 2_000_000_000).optional(),
      }),
    ])
    .optional(),
});

const isoDate = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date (YYYY-MM-DD or a date-time)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a valid date');

const schemas: { [C in IpcChannel]: z.ZodType<IpcRequest<C>, unknown> } = {
  'run:start': startRun,
  'run:cancel': z.strictObject({ runId: runIdSchema }),
  'run:active': none,
  'history:list': z.strictObject({
    machine: z.string().max(200).optional(),
    suite: suiteSchema.optional(),
    kind: z.enum(RUN_KINDS).optional(),
    since: isoDate.optional(),
    limit: int(1, MAX_PAGE).optional(),
    offset: int(0, Number.MAX_SAFE_INTEGER).optional(),
  }),
  'history:get': z.strictObject({ runId: runIdSchema }),
  'history:compare': z.strictObject({
    runIds: runIds(MAX_COMPARE_RUNS).min(2, 'compare needs at least two run ids'),
  }),
  'history:export': z.strictObject({ runIds: runIds(MAX_RUN_IDS) }),
  'history:import': z.strictObject({
    json: z.string().min(1, 'empty bundle').max(MAX_BUNDLE_CHARS, 'bundle too large'),
    name: z.string().max(255).optional(),
  }),
  'history:delete': z.strictObject({ runIds: runIds(MAX_RUN_IDS) }),
  'history:report': z.strictObject({ runIds: runIds(MAX_RUN_IDS) }),
  'history:status': none,
  'machine:info': none,
  'machine:setLabel': z.strictObject({
    label: z
      .string()
      .max(MAX_LABEL_CHARS, `labels are at most ${MAX_LABEL_CHARS} characters`)
      .refine((s) => !hasControlCharacters(s), 'labels cannot contain control characters'),
  }),
  'images:pick': none,
  'images:inspect': z.strictObject({
    paths: z
      .array(path)
      .min(1, 'give at least one path')
      .max(MAX_IMAGE_PATHS, `at most ${MAX_IMAGE_PATHS} paths`),
  }),
};

/** The channels the backend answers. */
export const IPC_CHANNELS = Object.keys(schemas) as IpcChannel[];

export function isIpcChannel(channel: unknown): channel is IpcChannel {
  return typeof channel === 'string' && Object.hasOwn(schemas, channel);
}

/** Validates a raw payload for `channel`; throws BadRequestError naming the channel and the bad field. */
export function parseRequest<C extends IpcChannel>(channel: C, payload: unknown): IpcRequest<C> {
  if (!isIpcChannel(channel)) throw new BadRequestError(`unknown channel "${String(channel)}"`);
  const result = (schemas[channel] as z.ZodType<IpcRequest<C>, unknown>).safeParse(payload);
  if (!result.success) throw new BadRequestError(`${channel}: ${describeIssues(result.error)}`);
  return result.data;
}

/** The fields of `schema` holding a path or a list of paths (top level: no request nests them deeper). */
function pathFields(schema: z.ZodType): { field: string; list: boolean }[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const fields: { field: string; list: boolean }[] = [];
  for (const [field, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    let inner: z.ZodType = value;
    while (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    const list = inner instanceof z.ZodArray;
    const item = list ? ((inner as z.ZodArray<z.ZodType>).element as z.ZodType) : inner;
    if (item.meta()?.fileOrFolder === true) fields.push({ field, list });
  }
  return fields;
}

const PATH_FIELDS = Object.fromEntries(
  IPC_CHANNELS.map((channel) => [channel, pathFields(schemas[channel])]),
) as Record<IpcChannel, { field: string; list: boolean }[]>;

/** Every path a validated request names, with the field it came from. */
export function requestPaths<C extends IpcChannel>(
  channel: C,
  request: IpcRequest<C>,
): { field: string; path: string }[] {
  const found: { field: string; path: string }[] = [];
  for (const { field, list } of PATH_FIELDS[channel]) {
    const value = (request as Record<string, unknown> | undefined)?.[field];
    if (value === undefined) continue;
    for (const item of list ? (value as string[]) : [value as string]) found.push({ field, path: item });
  }
  return found;
}

/** The request schema of `channel` (tests generate hostile payloads from it). */
export function requestSchema(channel: IpcChannel): z.ZodType {
  return schemas[channel];
}
