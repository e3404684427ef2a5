// expandImageInputs: named files are kept whatever their extension, folders give their image files sorted,
// and missing paths, image-less folders or nothing at all fail with an ImageInputError naming the path.
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expandImageInputs, ImageInputError } from '../../../src/engine/workloads/inputs.js';

const fixtures = path.resolve('tests/fixtures/images');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-inputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a folder gives its image files sorted; other files are skipped', async () => {
  const files = await expandImageInputs([fixtures]);
  expect(files.map((f) => path.basename(f))).toEqual([
    'corrupt.jpg',
    'tiny-64x48.avif',
    'tiny-64x48.gif',
    'tiny-64x48.jpg',
    'tiny-64x48.png',
    'tiny-64x48.svg',
    'tiny-64x48.tiff',
    'tiny-64x48.webp',
  ]);
  expect(files.every((f) => path.isAbsolute(f))).toBe(true);
});

test('named files are kept in order whatever their extension, duplicates once', async () => {
  const txt = path.join(fixtures, 'not-an-image.txt');
  const png = path.join(fixtures, 'tiny-64x48.png');
  const files = await expandImageInputs([txt, png, fixtures]);
  expect(files[0]).toBe(txt);
  expect(files[1]).toBe(png);
  expect(files.filter((f) => f === png)).toHaveLength(1);
});

test('upper-case extensions and symlinks to files count; subfolders do not', async () => {
  const folder = path.join(dir, 'mixed');
  await mkdir(path.join(folder, 'nested.jpg'), { recursive: true });
  await writeFile(path.join(folder, 'PHOTO.JPG'), 'x');
  await symlink(path.join(fixtures, 'tiny-64x48.png'), path.join(folder, 'link.png'));
  await symlink(path.join(dir, 'nowhere.png'), path.join(folder, 'dangling.png'));
  const files = await expandImageInputs([folder]);
  expect(files.map((f) => path.basename(f))).toEqual(['PHOTO.JPG', 'link.png']);
});

test('errors name the path and the reason', async () => {
  const missing = path.join(dir, 'missing.jpg');
  await expect(expandImageInputs([missing])).rejects.toThrow(`${missing}: not found`);
  await expect(expandImageInputs([missing])).rejects.toBeInstanceOf(ImageInputError);
  const empty = path.join(dir, 'empty');
  await mkdir(empty);
  await writeFile(path.join(empty, 'notes.txt'), 'no images here');
  await expect(expandImageInputs([empty])).rejects.toThrow(`${empty}: folder holds no image files`);
  await expect(expandImageInputs([])).rejects.toThrow(/no image files or folders given/);
  const notADir = path.join(fixtures, 'not-an-image.txt', 'child.png');
  await expect(expandImageInputs([notADir])).rejects.toThrow(/not a folder/);
});
