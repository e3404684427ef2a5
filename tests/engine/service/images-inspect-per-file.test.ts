import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { PathPolicy } from '../../../src/engine/path-policy.js';
import { BadRequestError, type BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-images-');
const allowed = path.join(temp.dir, 'allowed');
let open: BenchService;
let confined: BenchService;

beforeAll(async () => {
  mkdirSync(allowed);
  await sharp({ create: { width: 640, height: 360, channels: 3, background: '#3366cc' } })
    .png()
    .toFile(path.join(allowed, 'wide.png'));
  await sharp({ create: { width: 100, height: 300, channels: 3, background: '#cc6633' } })
    .jpeg()
    .toFile(path.join(temp.dir, 'tall.jpg'));
  writeFileSync(path.join(allowed, 'fake.png'), 'this is text, not a picture');
  open = await createBenchService({ dbPath: path.join(temp.dir, 'a.sqlite'), host: nodeHost() });
  const policy = new PathPolicy('the allowed folder');
  await policy.addPublicRoot(allowed);
  confined = await createBenchService({
    dbPath: path.join(temp.dir, 'b.sqlite'),
    host: nodeHost(),
    pathPolicy: policy,
  });
});
afterAll(async () => {
  await open.close();
  await confined.close();
  temp.cleanup();
});

test('images:inspect gives size, format and a small thumbnail, and a per-file reason otherwise', async () => {
  const infos = await open.handle('images:inspect', {
    paths: [
      path.join(allowed, 'wide.png'),
      path.join(temp.dir, 'tall.jpg'),
      path.join(allowed, 'fake.png'),
      path.join(temp.dir, 'missing.png'),
      allowed,
    ],
  });
  const [wide, tall, fake, missing, folder] = infos;
  expect(wide).toMatchObject({ name: 'wide.png', ok: true, width: 640, height: 360, format: 'png' });
  expect(wide.bytes).toBeGreaterThan(0);
  const thumb = await sharp(
    Buffer.from(wide.thumbnail!.replace(/^data:image\/png;base64,/, ''), 'base64'),
  ).metadata();
  expect([thumb.width, thumb.height]).toEqual([160, 90]);
  expect(tall).toMatchObject({ ok: true, width: 100, height: 300, format: 'jpeg' });
  expect(fake).toMatchObject({ ok: false, error: 'unsupported image format' });
  expect(missing).toMatchObject({ ok: false, error: 'no such file' });
  expect(folder).toMatchObject({ ok: false, error: 'not a regular file' });
});

test('with a path policy, a request naming a file outside it is refused whole, naming the file', async () => {
  const [inside, missing] = await confined.handle('images:inspect', {
    paths: [path.join(allowed, 'wide.png'), path.join(allowed, 'missing.png')],
  });
  expect(inside.ok).toBe(true);
  expect(missing).toMatchObject({ ok: false, error: 'no such file' });
  const outside = path.join(temp.dir, 'tall.jpg');
  await expect(
    confined.handle('images:inspect', { paths: [path.join(allowed, 'wide.png'), outside] }),
  ).rejects.toThrow(
    new BadRequestError(
      `images:inspect: paths: ${JSON.stringify(outside)} is outside the files this caller may read (the allowed folder)`,
    ),
  );
  await expect(
    confined.handle('images:inspect', { paths: [path.join(allowed, '..', 'tall.jpg')] }),
  ).rejects.toThrow(/outside the files/);
});

test('images:pick is refused without a picker and answered with one', async () => {
  await expect(open.handle('images:pick', undefined)).rejects.toThrow(BadRequestError);
  await expect(open.handle('images:pick', undefined)).rejects.toThrow('not available in this mode');
  const picking = await createBenchService({
    dbPath: path.join(temp.dir, 'c.sqlite'),
    host: nodeHost(),
    pickImages: async () => ['/pictures/a.png'],
  });
  expect(await picking.handle('images:pick', null)).toEqual({ paths: ['/pictures/a.png'] });
  await picking.close();
});
