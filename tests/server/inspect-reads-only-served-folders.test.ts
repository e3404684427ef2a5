// In web mode anyone holding the token could otherwise ask for thumbnails of any image the user can read:
// images:inspect answers only for this session's uploads, run outputs and the bundled samples, and a request
// naming anything else is refused whole, naming the path.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  Client,
  ipcErrorOf,
  openSocket,
  request,
  SESSION,
  startTestServer,
  type TestServer,
} from './helpers.js';

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

async function upload(session: string, name: string): Promise<string> {
  const reply = await request(t.server.port, {
    method: 'POST',
    path: `/upload?name=${name}`,
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': session },
    body: png,
  });
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body).path as string;
}

test('an image outside the served folders is refused by name, an uploaded one is inspected', async () => {
  const outside = path.join(t.dir, 'private.png');
  await writeFile(outside, png);
  const uploaded = await upload(SESSION, 'mine.png');

  const refused = await client.invoke('images:inspect', { paths: [uploaded, outside] }).catch(ipcErrorOf);
  expect(refused).toMatchObject({ code: 'bad-request' });
  expect((refused as { message: string }).message).toContain(
    `images:inspect: paths: "${outside}" is outside`,
  );
  const [inspected] = await client.invoke('images:inspect', { paths: [uploaded] });
  expect(inspected).toMatchObject({ ok: true, width: 8, height: 6, format: 'png' });
});

test("another session's uploads are not this session's to read", async () => {
  const theirs = await upload('someone-else-0002', 'theirs.png');
  const refused = await client.invoke('images:inspect', { paths: [theirs] }).catch(ipcErrorOf);
  expect(refused).toMatchObject({ code: 'bad-request' });
  expect((refused as { message: string }).message).toMatch(/outside the files this caller may read/);

  const opened = await openSocket(t.server, { session: 'someone-else-0002' });
  const owner = new Client(opened.ws!);
  const [info] = await owner.invoke('images:inspect', { paths: [theirs] });
  expect(info.ok).toBe(true);
  await owner.close();
});
