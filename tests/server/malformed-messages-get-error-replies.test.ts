// Whatever arrives on the socket, the answer is an error reply naming what was wrong, and the socket (and the
// server) keeps working.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client, ipcErrorOf, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let client: Client;
beforeAll(async () => {
  t = await startTestServer({ maxMessageBytes: 4096 });
  client = await Client.open(t.server);
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

async function errorFor(data: string | Buffer, binary = false) {
  const reply = await client.sendRaw(data, binary);
  if (reply.type !== 'result' || reply.ok)
    throw new Error(`expected an error reply, got ${JSON.stringify(reply)}`);
  return reply;
}

test.each([
  ['{not json', /not valid JSON/],
  ['[1,2]', /JSON object/],
  ['"invoke"', /JSON object/],
  [JSON.stringify({ type: 'invoke', channel: 'machine:info' }), /id must be a non-negative integer/],
  [JSON.stringify({ type: 'invoke', id: -1, channel: 'machine:info' }), /id must be/],
  [JSON.stringify({ type: 'call', id: 1, channel: 'machine:info' }), /unknown message type "call"/],
  [JSON.stringify({ type: 'invoke', id: 2, channel: 'fs:read' }), /unknown channel "fs:read"/],
  [JSON.stringify({ type: 'invoke', id: 3, channel: 'toString' }), /unknown channel "toString"/],
  [
    JSON.stringify({ type: 'invoke', id: 4, channel: 'machine:info', extra: 1 }),
    /unknown envelope field\(s\): extra/,
  ],
])('%s -> %s', async (data, message) => {
  const reply = await errorFor(data);
  expect(reply.error.code).toBe('bad-request');
  expect(reply.error.message).toMatch(message);
});

test('the reply carries the id when the envelope had one', async () => {
  const reply = await errorFor(JSON.stringify({ type: 'invoke', id: 77, channel: 'nope' }));
  expect(reply.id).toBe(77);
});

test('an oversized message is answered, not parsed', async () => {
  const reply = await errorFor(
    JSON.stringify({ type: 'invoke', id: 5, channel: 'history:import', payload: { json: 'x'.repeat(5000) } }),
  );
  expect(reply.error.message).toMatch(/exceeds the limit of 4096 bytes/);
});

test('a binary message is refused', async () => {
  const reply = await errorFor(Buffer.from([1, 2, 3]), true);
  expect(reply.error.message).toMatch(/binary/);
});

test('a bad payload is refused by the service with a message naming the field', async () => {
  const error = await client.invoke('history:get', { runId: 42 }).catch(ipcErrorOf);
  expect(error).toMatchObject({ code: 'bad-request' });
  expect((error as { message: string }).message).toMatch(/runId/);
  const missing = await client.invoke('history:get', { runId: 'no-such-run' }).catch(ipcErrorOf);
  expect(missing).toMatchObject({ code: 'not-found' });
});

test('the socket still works afterwards', async () => {
  const page = await client.invoke('history:list', {});
  expect(page.total).toBe(0);
});
