// The bundle import checks results with a hand-written validator (result-check.ts) for speed; the zod schema
// stays the statement of the rules. This holds the two together: every single-point change to valid results
// of all three workloads is accepted by both or refused by both, at the same path.
import { expect, test } from 'vitest';
import type { ModelResult } from '../../src/shared/results.js';
import { checkModelResult } from '../../src/engine/store/result-check.js';
import { modelResultSchema } from '../../src/engine/store/schemas.js';
import { result } from './fixtures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function imagesResult(): ModelResult {
  const base = result(0, 'worker-pool', [30, 31, 33]);
  const file = {
    input: '/samples/a.jpg',
    ok: true,
    output: '/tmp/out/a.png',
    inputWidth: 1920,
    inputHeight: 1080,
    inputBytes: 400000,
    format: 'jpeg',
    pixelHash: 'abcdef0123456789',
  };
  return {
    ...base,
    caseId: 'images:files=2:128x128',
    workload: 'images',
    params: {
      workload: 'images',
      inputs: ['/samples/a.jpg', '/samples/b.jpg'],
      width: 128,
      height: 128,
      outDir: '/tmp/out',
    },
    samples: base.samples.map((s) => ({
      ...s,
      files: [{ ...file }, { input: '/samples/b.jpg', ok: false, error: 'unsupported image format' }],
    })),
    expected: { values: { files: 2, hash: 'ff00' }, approx: { meanLuma: 101.5 }, tolerance: 0.01 },
  };
}

function bareMatrixResult(): ModelResult {
  const {
    summary: _summary,
    startupMs: _startupMs,
    expected: _expected,
    ...rest
  } = result(1, 'sequential', [8]);
  return { ...rest, status: 'cancelled', samples: [] };
}

const VALID: ModelResult[] = [
  result(0, 'processes', [9, 9.5, 10], 'failed'),
  imagesResult(),
  bareMatrixResult(),
];

const REPLACEMENTS: Json[] = [null, true, 'x', 'y'.repeat(5000), 1.5, -1, 2 ** 60, {}, [], [1], { extra: 1 }];

/** Every value reachable in `root`, with its path. */
function paths(root: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(root)) root.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (root !== null && typeof root === 'object') {
    for (const [k, v] of Object.entries(root)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function parentOf(root: Json, path: Array<string | number>): Record<string | number, Json> {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  return node;
}

/** Single-point changes: each value replaced by values of other kinds, each key removed, a stranger added. */
function* mutants(valid: Json): Generator<{ label: string; value: Json }> {
  for (const path of paths(valid)) {
    if (path.length === 0) continue;
    const key = path.at(-1)!;
    for (const replacement of REPLACEMENTS) {
      const value = structuredClone(valid);
      parentOf(value, path)[key] = replacement;
      yield { label: `${path.join('.')} = ${JSON.stringify(replacement).slice(0, 20)}`, value };
    }
    const removed = structuredClone(valid);
    const parent = parentOf(removed, path);
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    yield { label: `without ${path.join('.')}`, value: removed };
  }
  for (const path of paths(valid)) {
    const value = structuredClone(valid);
    const node = path.length ? parentOf(value, path)[path.at(-1)!] : value;
    if (Array.isArray(node)) node.push(structuredClone(node[0] ?? 0));
    else if (node !== null && typeof node === 'object') node.stranger = 1;
    else continue;
    yield { label: `${path.join('.') || '(root)'} grown`, value };
  }
}

test('the fast result check accepts and refuses exactly what the zod schema does, at the same path', () => {
  let refused = 0;
  let accepted = 0;
  for (const valid of VALID) {
    expect(modelResultSchema.safeParse(valid).success).toBe(true);
    expect(checkModelResult(valid)).toBeNull();
    for (const { label, value } of mutants(valid as unknown as Json)) {
      const zod = modelResultSchema.safeParse(value);
      const fast = checkModelResult(value);
      expect(fast === null, label).toBe(zod.success);
      if (zod.success) {
        accepted++;
        continue;
      }
      refused++;
      expect(fast!.path, `${label}: ${fast!.message}`).toEqual(zod.error.issues[0].path);
      expect(fast!.message.length).toBeGreaterThan(10);
    }
  }
  // Both outcomes are exercised in number, so the comparison is not vacuous.
  expect(refused).toBeGreaterThan(1000);
  expect(accepted).toBeGreaterThan(50);
});

test('the messages say what was expected', () => {
  const bad = structuredClone(VALID[1]) as unknown as { samples: Array<Record<string, unknown>> };
  bad.samples[2].wallMs = 'fast';
  expect(checkModelResult(bad)).toEqual({
    path: ['samples', 2, 'wallMs'],
    message: 'expected a finite number, got string',
  });
  (bad.samples[2] as Record<string, unknown>).wallMs = 3;
  (bad.samples[1].files as Array<Record<string, unknown>>)[0].colour = 'red';
  expect(checkModelResult(bad)).toEqual({
    path: ['samples', 1, 'files', 0],
    message: 'unknown key "colour"',
  });
});
