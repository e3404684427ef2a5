// The attack: a page holding the token asks run:start to resize /etc/shadow (and any image on the
// server's disk). Every path field of every channel goes through the same policy, so run:start is refused
// with the path named, before anything is opened, and nothing reaches the history.
import { execFileSync } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client, ipcErrorOf, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let client: Client;
beforeAll(async () => {
  t = await startTestServer();
  client = await Client.open(t.server);
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

async function refusal(payload: unknown): Promise<{ code: string; message: string }> {
  return (await client
    .invoke('run:start', payload)
    .then(() => ({ code: 'accepted', message: '' }), ipcErrorOf)) as { code: string; message: string };
}

test('run:start with /etc/shadow is refused naming the path, and no run is recorded', async () => {
  const error = await refusal({ suite: 'quick', workloads: ['images'], images: ['/etc/shadow'] });
  expect(error.code).toBe('bad-request');
  expect(error.message).toBe(
    'run:start: images: "/etc/shadow" is outside the files this caller may read ' +
      '(uploads of this session, run outputs and the bundled samples)',
  );
  expect(client.pushes).toEqual([]);
  expect(await client.invoke('history:list', {})).toMatchObject({ runs: [] });
});

test('a real image outside the served folders, by path, by "..", or as a folder, is refused too', async () => {
  const outside = path.join(t.dir, 'elsewhere.png');
  await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
    .png()
    .toFile(outside);
  const viaDots = path.join(t.server.uploadRoot!, '..', path.basename(t.dir), 'elsewhere.png');
  for (const images of [[outside], [viaDots], [t.dir], ['relative.png']]) {
    const error = await refusal({ suite: 'quick', workloads: ['images'], images });
    expect(error.code, JSON.stringify(images)).toBe('bad-request');
    expect(error.message).toContain(`run:start: images: ${JSON.stringify(images[0])}`);
  }
  expect(await client.invoke('history:list', {})).toMatchObject({ runs: [] });
});

test('refused before anything is opened: a FIFO outside would block whoever opened it', async () => {
  const fifo = path.join(t.dir, 'trap.png');
  execFileSync('mkfifo', [fifo]);
  const error = await refusal({ suite: 'quick', workloads: ['images'], images: [fifo] });
  expect(error).toMatchObject({ code: 'bad-request' });
  const inspect = await client.invoke('images:inspect', { paths: [fifo] }).catch(ipcErrorOf);
  expect(inspect).toMatchObject({ code: 'bad-request' });
  // Nobody holds it open for reading: a non-blocking writer finds no reader.
  expect(() => openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)).toThrow(/ENXIO/);
});
