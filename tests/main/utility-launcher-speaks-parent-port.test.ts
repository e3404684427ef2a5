// The Electron ProcessLauncher (src/main/utility-launcher.ts) over the stub's utilityProcess.fork: messages
// travel by structured clone through process.parentPort, exits are reported once with the code, and kill()
// ends the child even when called before it has spawned.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createUtilityLauncher } from '../../src/main/utility-launcher.js';
import { isAlive } from './support/shell.js';

vi.mock('electron', () => import('./stub/electron.mjs'));

const ECHO_CHILD = path.join(import.meta.dirname, 'fixtures', 'echo-child.mjs');

function exitOf(
  handle: ReturnType<ReturnType<typeof createUtilityLauncher>['launch']>,
): Promise<number | null> {
  return new Promise((resolve) => handle.onExit((code) => resolve(code)));
}

describe('createUtilityLauncher', () => {
  beforeAll(async () => {
    const { stub } = await import('./stub/electron.mjs');
    stub.emitReady();
  });

  it('is a utilityProcess launcher whose children answer over parentPort with typed arrays intact', async () => {
    const launcher = createUtilityLauncher(ECHO_CHILD);
    expect(launcher.kind).toBe('utilityProcess');
    const child = launcher.launch({ name: 'echo' });
    const reply = new Promise<unknown>((resolve) => child.onMessage(resolve));
    child.postMessage({ values: new Float64Array([1.5, 2.5]) });
    expect(await reply).toEqual({ echo: { values: new Float64Array([1.5, 2.5]) }, hasProcessSend: false });
    expect(child.pid).toBeGreaterThan(0);
    const pid = child.pid as number;
    const exited = exitOf(child);
    child.kill();
    expect(await exited).not.toBe(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('reports the exit code of a child that leaves by itself, also to listeners added afterwards', async () => {
    const child = createUtilityLauncher(ECHO_CHILD).launch({ name: 'leaver' });
    const exited = exitOf(child);
    child.postMessage('exit');
    expect(await exited).toBe(3);
    expect(await exitOf(child)).toBe(3);
    expect(child.pid).toBeUndefined();
  });

  it('kills a child asked to die before it has even spawned', async () => {
    const child = createUtilityLauncher(ECHO_CHILD).launch({ name: 'early' });
    expect(child.pid).toBeUndefined();
    const exited = exitOf(child);
    child.kill();
    expect(await exited).toBe(128 + 9);
  });
});
