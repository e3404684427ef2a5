import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { BadRequestError, type BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import type { IpcChannel } from '../../../src/shared/ipc.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-');
let service: BenchService;
beforeAll(async () => {
  service = await createBenchService({ dbPath: path.join(temp.dir, 'h.sqlite'), host: nodeHost() });
});
afterAll(async () => {
  await service.close();
  temp.cleanup();
});

async function rejected(channel: string, payload: unknown): Promise<string> {
  try {
    await service.handle(channel as IpcChannel, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return (error as Error).message;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(payload)}`);
}

test('unknown channels and unknown fields are refused, naming them', async () => {
  expect(await rejected('fs:read', {})).toBe('unknown channel "fs:read"');
  expect(await rejected('history:get', { runId: 'abc', extra: 1 })).toMatch(/history:get: .*extra/);
  expect(await rejected('run:start', { suite: 'quick', shell: 'rm -rf /' })).toMatch(/run:start: .*shell/);
});

test('types, enums and bounds are checked field by field', async () => {
  expect(await rejected('run:start', { suite: 'huge' })).toMatch(/^run:start: suite: /);
  expect(await rejected('run:start', { suite: 'quick', workers: 0 })).toMatch(/^run:start: workers: /);
  expect(await rejected('run:start', { suite: 'quick', reps: 2.5 })).toMatch(/^run:start: reps: /);
  expect(await rejected('run:start', { suite: 'quick', models: ['sequential', 'sequential'] })).toMatch(
    /models: models must not repeat/,
  );
  expect(await rejected('history:list', { limit: 1e9 })).toMatch(/^history:list: limit: /);
  expect(await rejected('history:list', { since: 'yesterday' })).toMatch(/^history:list: since: /);
  expect(await rejected('history:compare', { runIds: ['only-one'] })).toMatch(/at least two run ids/);
  expect(await rejected('machine:setLabel', { label: 'x'.repeat(101) })).toMatch(/at most 100 characters/);
  expect(await rejected('machine:setLabel', { label: 'a\u0007b' })).toMatch(/control characters/);
  expect(await rejected('images:inspect', { paths: ['a\u0000b'] })).toMatch(/paths\[0\]: NUL in path/);
  expect(await rejected('history:list', 'not an object')).toMatch(/^history:list: \(root\)/);
});

test('run ids are checked before any lookup', async () => {
  expect(await rejected('history:get', { runId: '../../etc/passwd' })).toMatch(
    /^history:get: runId: run ids are/,
  );
  expect(await rejected('history:delete', { runIds: [] })).toMatch(/at least one run id/);
  expect(await rejected('run:cancel', { runId: 'x'.repeat(101) })).toMatch(/^run:cancel: runId/);
});

test('channels without a payload accept undefined, null or {}, and nothing else', async () => {
  expect(await service.handle('run:active', undefined)).toBeNull();
  expect(await service.handle('run:active', null)).toBeNull();
  expect(await service.handle('run:active', {})).toBeNull();
  expect(await rejected('run:active', { sneaky: true })).toMatch(/^run:active: /);
});
