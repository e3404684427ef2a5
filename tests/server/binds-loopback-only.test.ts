// The server can start runs and read files, so it must never be reachable from a network.
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

test('asking for any other bind address is refused', async () => {
  for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10']) {
    await expect(startServer({ host })).rejects.toThrow(/127\.0\.0\.1 only/);
  }
});

test('the server listens on 127.0.0.1', () => {
  expect(t.server.origin).toBe(`http://127.0.0.1:${t.server.port}`);
});

test("the port is closed on the machine's other addresses and on ::1", async () => {
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
  // A server bound to every address would answer on IPv6 loopback too.
  others.push('::1');
  for (const address of others) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: address, port: t.server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome, address).not.toBe('connected');
  }
});
