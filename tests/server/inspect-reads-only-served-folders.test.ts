// In web mode anyone holding the token could otherwise ask for thumbnails of any image the user can read:
// images:inspect answers only for uploads, run outputs and the bundled samples.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client, request, SESSION, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let client: Client;
let png: Buffer;
beforeAll(async () => {
  t = await startTestServer();
  client = await Client.open(t.server);
  png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

test('an image outside the served folders is refused by name, an uploaded one is inspected', async () => {
  const outside = path.join(t.dir, 'private.png');
  await writeFile(outside, png);
  const upload = await request(t.server.port, {
    method: 'POST',
    path: '/upload?name=mine.png',
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': SESSION },
    body: png,
  });
  expect(upload.status).toBe(200);
  const uploaded = JSON.parse(upload.body).path as string;

  const [refused, inspected] = await client.invoke('images:inspect', { paths: [outside, uploaded] });
  expect(refused).toMatchObject({ ok: false, name: 'private.png' });
  expect(refused.error).toMatch(/outside the folders/);
  expect(refused.thumbnail).toBeUndefined();
  expect(inspected).toMatchObject({ ok: true, width: 8, height: 6, format: 'png' });
});
