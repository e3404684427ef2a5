// Hostile payloads for every IpcContract channel, generated from the channel's zod schema (ipc-schemas.ts):
// each field gets wrong types, out-of-range and non-finite numbers, over-long and empty strings and lists,
// and, when the schema marks it as a path, path tricks; objects lose required fields and gain unknown and
// prototype keys; whole payloads of the wrong kind. Every case is meant to be refused with bad-request:
// the test that sends them first checks the valid base still passes, so a mutation is the only fault.
import { z } from 'zod';
import { IPC_CHANNELS, parseRequest, requestSchema } from '../../../src/engine/ipc-schemas.js';
import { seededRng } from '../../../src/engine/random.js';
import type { IpcChannel } from '../../../src/shared/ipc.js';

export interface FuzzCase {
  channel: IpcChannel;
  /** What was mutated, for the failure message. */
  label: string;
  payload: unknown;
}

/** Paths that name something outside what the caller may read, prepared by the test on its own disk. */
export interface PathTricks {
  /** A symlink inside an allowed folder that leads out of it. */
  symlinkOut: string;
  /** An allowed folder followed by enough ".." to leave it. */
  dotsOut: string;
}

/** A valid request per channel; mutations of one part of it are the cases. */
export const VALID_BASE: { [C in IpcChannel]: unknown } = {
  'run:start': { suite: 'quick', workloads: ['primes'], models: ['sequential'], reps: 1, save: false },
  'run:cancel': { runId: 'run-1' },
  'run:active': null,
  'history:list': { machine: 'm', suite: 'quick', since: '2026-01-01', limit: 5, offset: 0 },
  'history:get': { runId: 'run-1' },
  'history:compare': { runIds: ['run-1', 'run-2'] },
  'history:export': { runIds: ['run-1'] },
  'history:import': { json: '{}', name: 'b.json' },
  'history:delete': { runIds: ['run-1'] },
  'history:report': { runIds: ['run-1'] },
  'history:status': null,
  'machine:info': null,
  'machine:setLabel': { label: 'lab box' },
  'images:pick': null,
  'images:inspect': { paths: ['/tmp/cbench-images/a.png'] },
};

/** An object with an own enumerable key, even "__proto__" (an object literal would set the prototype). */
function withKey(base: object, key: string, value: unknown): object {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

interface ArrayBounds {
  min: number;
  max: number;
  unique: boolean;
}

function arrayBounds(schema: z.ZodArray<z.ZodType>): ArrayBounds {
  const bounds: ArrayBounds = { min: 0, max: Infinity, unique: false };
  for (const check of (schema._zod.def.checks ?? []) as unknown as {
    _zod: { def: Record<string, unknown> };
  }[]) {
    const def = check._zod.def;
    if (def.check === 'min_length') bounds.min = def.minimum as number;
    if (def.check === 'max_length') bounds.max = def.maximum as number;
    if (def.check === 'custom') bounds.unique = true;
  }
  return bounds;
}

/** Labels of values only the path policy refuses (the schema alone accepts them). */
const POLICY = 'path policy: ';
const UNICODE = ['ünïcødé', '日本語', '😀', '\u202eRTL', 'e\u0301', '\uffff'];
/** Lists this long are refused by every bound in the contract and still fit a WebSocket message. */
const HUGE_LIST = 20_001;

/** Bad values for a value of `schema` whose valid example is `good`. */
function badValues(
  schema: z.ZodType,
  good: unknown,
  rand: () => number,
  tricks: PathTricks,
): [string, unknown][] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const inner = unwrap(schema);
  const out: [string, unknown][] = [];
  if (inner instanceof z.ZodString) {
    out.push(['number', 123], ['boolean', true], ['null', null], ['array', [good]], ['object', { good }]);
    const { minLength, maxLength } = inner;
    if (minLength !== null && minLength > 0) out.push(['empty string', '']);
    if (maxLength !== null && maxLength < 1_000_000) {
      out.push([`string of ${maxLength + 1}`, pick(['x', 'é', '/']).repeat(maxLength + 1)]);
    }
    if (inner.meta()?.fileOrFolder === true) {
      out.push(
        // Valid strings the schema accepts: the path policy is what must refuse these.
        [`${POLICY}/etc/shadow`, '/etc/shadow'],
        [`${POLICY}relative ..`, '../../../../etc/passwd'],
        [`${POLICY}.. out of an allowed folder`, tricks.dotsOut],
        [`${POLICY}symlink out of an allowed folder`, tricks.symlinkOut],
        [`${POLICY}relative`, 'a.png'],
        [`${POLICY}unicode outside`, `/${pick(UNICODE)}/${pick(UNICODE)}.png`],
        [`${POLICY}root`, '/'],
        ['NUL byte', `/tmp/cbench-images/a\0.png`],
      );
    } else if (typeof good === 'string' && good !== '') {
      // A string the schema constrains beyond its type (run ids, dates, labels): break the constraint.
      out.push(['control character', `${good}\u0007\n`], ['unicode', `${good}${pick(UNICODE)}`]);
    }
  } else if (inner instanceof z.ZodNumber) {
    out.push(['string', '1'], ['boolean', false], ['null', null], ['array', [1]]);
    out.push(['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]);
    const min = inner.minValue;
    const max = inner.maxValue;
    if (min !== null && Number.isFinite(min)) out.push([`below ${min}`, min - 1 - Math.floor(rand() * 1000)]);
    if (max !== null && max < Number.MAX_SAFE_INTEGER) out.push([`above ${max}`, max + 1]);
    if (inner.isInt) out.push(['fraction', 1.5]);
  } else if (inner instanceof z.ZodBoolean) {
    out.push(['string', 'true'], ['number', 1], ['null', null], ['object', {}]);
  } else if (inner instanceof z.ZodEnum) {
    const options = inner.options as string[];
    out.push(['not an option', `${pick(options)}-nope`], ['unicode', pick(UNICODE)], ['number', 0]);
    out.push(['upper case', String(pick(options)).toUpperCase()], ['null', null], ['list', options]);
  } else if (inner instanceof z.ZodArray) {
    const element = inner.element as z.ZodType;
    const items = Array.isArray(good) ? good : [];
    const first = items[0];
    const bounds = arrayBounds(inner as z.ZodArray<z.ZodType>);
    out.push(['string', 'x'], ['object', { 0: first }], ['null', null], ['number', 3]);
    if (bounds.min > 0) out.push(['empty list', []]);
    if (bounds.unique && first !== undefined) out.push(['repeated item', [first, first]]);
    const huge = Math.min(HUGE_LIST, bounds.max + 1);
    if (Number.isFinite(bounds.max)) out.push([`list of ${huge}`, Array.from({ length: huge }, () => first)]);
    for (const [label, value] of badValues(element, first, rand, tricks)) {
      const list = [...items];
      list[Math.floor(rand() * list.length)] = value;
      out.push([`item: ${label}`, list]);
    }
  }
  // Keep only what is really bad: a value the schema refuses, or a path only the policy refuses.
  return out.filter(([label, value]) => label.includes(POLICY) || !schema.safeParse(value).success);
}

const WRONG_WHOLE: [string, unknown][] = [
  ['a string', 'payload'],
  ['a number', 42],
  ['true', true],
  ['a list', [1, 2]],
];

/** Every hostile case for every channel, in a seeded order. */
export function fuzzCases(seed: number, tricks: PathTricks): FuzzCase[] {
  const rand = seededRng(seed);
  const cases: FuzzCase[] = [];
  for (const channel of IPC_CHANNELS) {
    const schema = requestSchema(channel);
    const base = VALID_BASE[channel];
    const add = (label: string, payload: unknown): void => {
      cases.push({ channel, label, payload });
    };
    for (const [label, payload] of WRONG_WHOLE) add(`payload is ${label}`, payload);
    if (!(schema instanceof z.ZodObject)) {
      // Channels without a payload: anything with content is refused.
      add('payload has a field', { extra: 1 });
      add('payload has a __proto__ key', withKey({}, '__proto__', { polluted: true }));
      continue;
    }
    add('payload is null', null);
    const object = base as Record<string, unknown>;
    for (const key of ['extra', '__proto__', 'constructor', 'prototype', 'toString']) {
      add(`unknown key ${key}`, withKey(object, key, { polluted: true }));
    }
    for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (!(fieldSchema instanceof z.ZodOptional)) {
        const { [field]: _dropped, ...rest } = object;
        add(`missing ${field}`, rest);
      }
      const good = object[field] ?? sampleFor(fieldSchema);
      for (const [label, value] of badValues(fieldSchema, good, rand, tricks)) {
        add(`${field}: ${label}`, { ...object, [field]: value });
      }
    }
  }
  // Seeded order: a handler that only breaks after some other request is more likely to be met.
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [cases[i], cases[j]] = [cases[j], cases[i]];
  }
  return cases;
}

/** A value of an optional field the base leaves out (so its mutations have something to start from). */
function sampleFor(schema: z.ZodType): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray) return [sampleFor(inner.element as z.ZodType)];
  if (inner instanceof z.ZodEnum) return (inner.options as string[])[0];
  if (inner instanceof z.ZodNumber) return Math.max(inner.minValue ?? 0, 1);
  if (inner instanceof z.ZodBoolean) return true;
  if (inner instanceof z.ZodString && inner.meta()?.fileOrFolder === true) return '/tmp/cbench-images/a.png';
  return 'x';
}

/** Throws unless every channel's base is itself valid (else a case would test nothing). */
export function checkBases(): void {
  for (const channel of IPC_CHANNELS) parseRequest(channel, VALID_BASE[channel]);
}
