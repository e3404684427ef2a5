// sampleImages lists the bundled sample set (the article's four sizes) and names the folder when it is missing.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { sampleImages } from '../../../src/engine/workloads/samples.js';

test('the bundled samples: four JPEGs at the article sizes, sorted, small enough to ship', async () => {
  const files = await sampleImages('resources/samples');
  expect(files.every((f) => path.isAbsolute(f))).toBe(true);
  expect(files).toEqual([...files].sort());
  const metas = await Promise.all(files.map((f) => sharp(f).metadata()));
  expect(metas.map((m) => `${m.format} ${m.width}x${m.height}`)).toEqual([
    'jpeg 1280x720',
    'jpeg 1920x1080',
    'jpeg 3840x2160',
    'jpeg 3840x2160',
  ]);
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  expect(sizes.every((bytes) => bytes < 1.5e6)).toBe(true);
  expect(sizes.reduce((s, bytes) => s + bytes, 0)).toBeLessThan(4e6);
});

test('the two 3840x2160 samples are different pictures', async () => {
  const files = await sampleImages('resources/samples');
  const [a, b] = await Promise.all(files.slice(2).map((f) => sharp(f).resize(64, 36).raw().toBuffer()));
  expect(a.equals(b)).toBe(false);
});

test('a missing folder is named, with the command that creates it', async () => {
  const missing = path.join(os.tmpdir(), 'cbench-no-such-samples');
  await expect(sampleImages(missing)).rejects.toThrow(`sample image folder ${missing} does not exist`);
  await expect(sampleImages(missing)).rejects.toThrow(/npm run samples/);
});
