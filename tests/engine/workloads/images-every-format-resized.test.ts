// resizeFile reads every format sharp's bundled libvips reads (JPEG, PNG, WebP, GIF, TIFF, AVIF, SVG) and writes
// a width x height PNG for each, reporting the input's format and size.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resizeFile } from '../../../src/engine/workloads/images.js';

const fixtures = path.resolve('tests/fixtures/images');
let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'cbench-formats-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test.each([
  ['tiny-64x48.jpg', 'jpeg'],
  ['tiny-64x48.png', 'png'],
  ['tiny-64x48.webp', 'webp'],
  ['tiny-64x48.gif', 'gif'],
  ['tiny-64x48.tiff', 'tiff'],
  ['tiny-64x48.avif', 'heif'],
  ['tiny-64x48.svg', 'svg'],
])('%s is read as %s and resized to 128x128', async (file, format) => {
  const outcome = await resizeFile(path.join(fixtures, file), outDir, 128, 128, 0);
  expect(outcome.error).toBeUndefined();
  expect(outcome).toMatchObject({ ok: true, format, inputWidth: 64, inputHeight: 48 });
  expect(outcome.pixelHash).toMatch(/^[0-9a-f]{32}$/);
  const written = await sharp(outcome.output!).metadata();
  expect([written.format, written.width, written.height]).toEqual(['png', 128, 128]);
});
