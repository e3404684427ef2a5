import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/engine/models/index.js';
import type { PreparedCase } from '../../../src/engine/models/types.js';
import { verifyDigest } from '../../../src/engine/verify.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, fixtureImages, trackingHost } from './support.js';

const { host } = trackingHost();
const outDir = mkdtempSync(path.join(os.tmpdir(), 'cbench-models-images-'));
let prepared: PreparedCase;

beforeAll(async () => {
  prepared = await prepareCase(
    { id: 'images', params: { workload: 'images', inputs: fixtureImages(), width: 32, height: 24, outDir } },
    host,
  );
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.each(MODELS.map((m) => [m.id, m] as const))('%s on the fixture images', (_id, model) => {
  let session: Awaited<ReturnType<typeof model.open>>;
  beforeAll(async () => {
    session = await model.open(context(host, { workers: 2 }));
  });
  afterAll(async () => {
    await session.close();
  });

  it('matches the reference pass, reports bad files per file, and writes each repetition to a fresh folder', async () => {
    const first = await session.run(prepared, { warmup: false });
    const second = await session.run(prepared, { warmup: false });
    for (const outcome of [first, second]) {
      expect(verifyDigest(prepared.expected, outcome.digest)).toEqual({ ok: true });
      const files = outcome.files!;
      expect(files.map((f) => f.input)).toEqual(fixtureImages());
      const bad = files.filter((f) => !f.ok).map((f) => path.basename(f.input));
      expect(bad).toEqual(['corrupt.jpg', 'not-an-image.txt']);
      for (const f of files.filter((f) => !f.ok)) expect(f.error).toBeTruthy();
      for (const f of files.filter((f) => f.ok)) expect(existsSync(f.output!)).toBe(true);
    }
    const folder = (o: typeof first): string => path.dirname(o.files!.find((f) => f.ok)!.output!);
    expect(folder(first)).not.toBe(folder(second));
    // Inside the case's own run folder, under the outDir the case named.
    const caseFolder = path.dirname(folder(first));
    expect(path.dirname(caseFolder)).toBe(outDir);
    expect(path.basename(caseFolder)).toMatch(/^run-/);
  });
});
