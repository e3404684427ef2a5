// A truncated JPEG and a text file come back as per-file outcomes with their reason, while every other file of
// the same batch is still processed; the digest records which files failed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { imagesDigest, resizeFile } from '../../../src/engine/workloads/images.js';
import { expandImageInputs } from '../../../src/engine/workloads/inputs.js';

const fixtures = path.resolve('tests/fixtures/images');
let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'cbench-bad-files-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('bad files are reported with their reason, good ones still succeed', async () => {
  const inputs = await expandImageInputs([
    fixtures,
    path.join(fixtures, 'not-an-image.txt'),
    path.join(fixtures, 'gone.png'),
  ]).catch((error: Error) => error);
  // A missing file named by the user is refused up front, before any work starts.
  expect(inputs).toBeInstanceOf(Error);

  const files = await expandImageInputs([fixtures, path.join(fixtures, 'not-an-image.txt')]);
  const outcomes = await Promise.all(files.map((file, i) => resizeFile(file, outDir, 128, 128, i)));
  const byName = new Map(outcomes.map((o) => [path.basename(o.input), o]));
  expect(byName.get('corrupt.jpg')).toMatchObject({ ok: false });
  // The reason comes from the header's format, not only from libvips' shared error text (see images.ts).
  expect(byName.get('corrupt.jpg')!.error).toMatch(/^corrupt or truncated jpeg image/);
  expect(byName.get('not-an-image.txt')).toEqual({
    input: path.join(fixtures, 'not-an-image.txt'),
    ok: false,
    error: 'not an image sharp can read (unsupported format)',
  });
  const good = outcomes.filter((o) => o.ok);
  expect(good).toHaveLength(outcomes.length - 2);
  expect(imagesDigest(outcomes).values).toMatchObject({ files: outcomes.length, ok: outcomes.length - 2 });
});

test('a file that vanished after expansion is a per-file error too', async () => {
  const outcome = await resizeFile(path.join(fixtures, 'gone.png'), outDir, 128, 128, 0);
  expect(outcome).toMatchObject({ ok: false, error: 'file not found' });
});

test('the reason for a corrupt file stays right while other files decode at the same time', async () => {
  const good = ['tiny-64x48.avif', 'tiny-64x48.png', 'tiny-64x48.webp', 'tiny-64x48.jpg'];
  for (let round = 0; round < 5; round++) {
    const outcomes = await Promise.all(
      ['corrupt.jpg', ...good, 'corrupt.jpg'].map((f, i) =>
        resizeFile(path.join(fixtures, f), outDir, 128, 128, i),
      ),
    );
    for (const o of outcomes) {
      if (o.input.endsWith('corrupt.jpg')) expect(o.error).toMatch(/^corrupt or truncated jpeg image/);
      else expect(o.ok).toBe(true);
    }
  }
});
