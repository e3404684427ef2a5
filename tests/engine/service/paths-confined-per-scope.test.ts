// The path policy as the service applies it: symlinks are resolved before the containment check (a link in
// an allowed folder leading out of it is refused, named or met while listing a folder), what a picker
// returned is readable by that scope only, and a refused run:start records nothing.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { PathPolicy } from '../../../src/engine/path-policy.js';
import type { BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-paths-');
const allowed = path.join(temp.dir, 'allowed');
const outside = path.join(temp.dir, 'outside');
const picked = path.join(temp.dir, 'picked');
let service: BenchService;

beforeAll(async () => {
  for (const dir of [allowed, outside, picked, path.join(allowed, 'linked')]) mkdirSync(dir);
  const png = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png();
  await png.clone().toFile(path.join(allowed, 'a.png'));
  await png.clone().toFile(path.join(outside, 'secret.png'));
  await png.clone().toFile(path.join(picked, 'chosen.png'));
  symlinkSync(path.join(outside, 'secret.png'), path.join(allowed, 'linked', 'leak.png'));
  symlinkSync(outside, path.join(allowed, 'door'));
  const policy = new PathPolicy('the test folders');
  await policy.addPublicRoot(allowed);
  service = await createBenchService({
    dbPath: path.join(temp.dir, 'h.sqlite'),
    host: nodeHost(),
    pathPolicy: policy,
    pickImages: async () => [path.join(picked, 'chosen.png')],
  });
});
afterAll(async () => {
  await service.close();
  temp.cleanup();
});

const quickImages = (images: string[]) => ({ suite: 'quick', workloads: ['images'], images, save: true });

test('a symlink leading out of an allowed folder is refused, named directly or through a folder', async () => {
  const leak = path.join(allowed, 'linked', 'leak.png');
  await expect(service.handle('images:inspect', { paths: [leak] }, 'w1')).rejects.toThrow(
    `images:inspect: paths: ${JSON.stringify(leak)} is outside the files this caller may read`,
  );
  await expect(service.handle('run:start', quickImages([leak]), 'w1')).rejects.toThrow(/outside the files/);
  // The folder itself is allowed; the link it holds is what is refused.
  await expect(
    service.handle('run:start', quickImages([path.join(allowed, 'linked')]), 'w1'),
  ).rejects.toThrow(`run:start: images: ${JSON.stringify(leak)} is outside the files`);
  const door = path.join(allowed, 'door', 'secret.png');
  await expect(service.handle('images:inspect', { paths: [door] }, 'w1')).rejects.toThrow(
    /outside the files/,
  );
  expect((await service.handle('history:list', {})).total).toBe(0);
});

test('NUL bytes and relative paths are refused with the field named', async () => {
  await expect(service.handle('images:inspect', { paths: ['a.png'] }, 'w1')).rejects.toThrow(
    'images:inspect: paths: "a.png" is not an absolute path',
  );
  await expect(service.handle('images:inspect', { paths: ['/tmp/a\0.png'] }, 'w1')).rejects.toThrow(
    'images:inspect: paths[0]: NUL in path',
  );
});

test('what the picker returned is readable by the scope that picked it, not by another', async () => {
  const chosen = path.join(picked, 'chosen.png');
  await expect(service.handle('images:inspect', { paths: [chosen] }, 'w1')).rejects.toThrow(/outside/);
  expect(await service.handle('images:pick', undefined, 'w1')).toEqual({ paths: [chosen] });
  const [info] = await service.handle('images:inspect', { paths: [chosen] }, 'w1');
  expect(info).toMatchObject({ ok: true, width: 8 });
  await expect(service.handle('images:inspect', { paths: [chosen] }, 'w2')).rejects.toThrow(/outside/);
  await expect(service.handle('images:inspect', { paths: [chosen] })).rejects.toThrow(/outside/);
});
