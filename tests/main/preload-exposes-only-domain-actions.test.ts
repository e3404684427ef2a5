// The built preload gives the page `window.api`: the BenchApi domain actions and nothing else. It runs as a
// sandboxed preload must (CommonJS, requiring nothing but 'electron'), never hands out ipcRenderer, and its
// listeners come with an unsubscribe.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchApi } from '../../src/shared/ipc.js';
import { ShellProcess } from './support/shell.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const DOMAIN_ACTIONS: Array<keyof BenchApi> = [
  'activeRun',
  'cancelRun',
  'compareRuns',
  'deleteRuns',
  'reportRuns',
  'historyStatus',
  'exportRuns',
  'getRun',
  'importBundle',
  'inspectImages',
  'listRuns',
  'machineInfo',
  'onRunEvent',
  'pathsForFiles',
  'pickImages',
  'setMachineLabel',
  'startRun',
];

describe('the preload bridge', () => {
  let shell: ShellProcess;
  let inspection: { exposedKeys: string[]; apiMode: string; apiShape: Record<string, string> };
  beforeAll(async () => {
    shell = await ShellProcess.start();
    inspection = await shell.order('inspect');
  });
  afterAll(() => shell?.dispose());

  it('exposes one object, window.api, holding exactly the domain actions and the mode', () => {
    expect(inspection.exposedKeys).toEqual(['api']);
    const { mode, ...functions } = inspection.apiShape;
    expect(mode).toBe('string');
    expect(Object.keys(functions).sort()).toEqual([...DOMAIN_ACTIONS].sort());
    expect(Object.values(functions).every((kind) => kind === 'function')).toBe(true);
  });

  it('says it is the desktop backend', () => {
    expect(inspection.apiMode).toBe('desktop');
  });

  it('is CommonJS requiring only electron, so it loads in a sandboxed renderer', () => {
    const source = readFileSync(path.join(root, 'out', 'preload', 'index.cjs'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/^\s*export\s/m);
    const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('returns an unsubscribe function from onRunEvent that removes the listener', async () => {
    const check = await shell.order<{ before: number; during: number; after: number; returned: string }>(
      'listenerCheck',
    );
    expect(check.returned).toBe('function');
    expect(check.during).toBe(check.before + 1);
    expect(check.after).toBe(check.before);
  });

  it('turns dropped files into their paths with webUtils.getPathForFile', async () => {
    const file = path.join(root, 'package.json');
    expect(await shell.order('pathsForFiles', { paths: [file] })).toEqual([file]);
  });
});
