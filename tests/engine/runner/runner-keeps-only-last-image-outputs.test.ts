import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import type { ModelResult, SuiteSpec } from '../../../src/shared/results.js';
import { fixtureImages } from '../models/support.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function imagesSpec(outDir: string, overrides: Partial<SuiteSpec> = {}): SuiteSpec {
  return {
    suite: 'custom',
    cases: [
      {
        id: 'images',
        params: { workload: 'images', inputs: fixtureImages(), width: 16, height: 12, outDir },
      },
    ],
    models: ['sequential', 'worker-threads'],
    workers: 2,
    reps: 3,
    warmup: 1,
    shuffleSeed: 3,
    ...overrides,
  };
}

/** Folders the ok outputs of one sample were written to. */
function foldersOf(sample: ModelResult['samples'][number]): string[] {
  return [...new Set((sample.files ?? []).filter((f) => f.ok).map((f) => path.dirname(f.output!)))];
}

// Each model and repetition writes a fresh folder; once verified, only the final repetition's outputs of each
// model stay (the ones the Images view shows), and the reference pass's folder goes when the case ends.
describe('image outputs of a run', () => {
  it('keep the last repetition of each model and nothing else', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'cbench-keep-'));
    roots.push(outDir);
    const outcome = await runSuite({ spec: imagesSpec(outDir), host: nodeHost(), onEvent: () => {} });
    expect(outcome.status).toBe('completed');

    const runFolders = readdirSync(outDir);
    expect(runFolders).toHaveLength(1);
    expect(runFolders[0]).toMatch(/^run-/);
    const caseDir = path.join(outDir, runFolders[0]);

    const kept = outcome.results.map((result) => {
      expect(result.status).toBe('ok');
      expect(result.samples).toHaveLength(3);
      const last = foldersOf(result.samples.at(-1)!);
      expect(last).toHaveLength(1);
      for (const f of result.samples.at(-1)!.files!.filter((f) => f.ok))
        expect(existsSync(f.output!)).toBe(true);
      for (const earlier of result.samples.slice(0, -1)) {
        for (const folder of foldersOf(earlier)) expect(existsSync(folder)).toBe(false);
      }
      return path.basename(last[0]);
    });
    expect(readdirSync(caseDir).sort()).toEqual(kept.sort());
  });

  it('drop the partial outputs of a repetition that failed', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'cbench-keep-'));
    roots.push(outDir);
    const outcome = await runSuite({
      spec: imagesSpec(outDir, { reps: 2, warmup: 0 }),
      host: nodeHost(),
      onEvent: () => {},
      faults: { model: 'worker-threads', kind: 'throw', worker: 1 },
    });
    const failed = outcome.results.find((r) => r.model === 'worker-threads');
    expect(failed?.status).toBe('failed');
    const ok = outcome.results.find((r) => r.model === 'sequential')!;
    const [caseFolder] = readdirSync(outDir);
    expect(readdirSync(path.join(outDir, caseFolder))).toEqual(
      foldersOf(ok.samples.at(-1)!).map((f) => path.basename(f)),
    );
  });
});
