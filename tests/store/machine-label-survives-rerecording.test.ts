import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createRecorder, openStore } from '../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a label set by the user is kept when the machine is recorded again with new runtime details', () => {
  const store = openStore(path.join(temp.dir, 'history.sqlite'));
  try {
    const first = machine();
    expect(store.setMachineLabel(first, 'Office PC').label).toBe('Office PC');
    const upgraded = machine({ runtime: { node: '22.1.0', v8: '12.4', electron: null, uv: '1.48.0' } });
    const record = createRecorder(store, upgraded, '0.2.0');
    for (const e of runEvents('after-upgrade', '2024-06-01T00:00:00.000Z')) record(e);
    const stored = store.findMachine(first.fingerprint)!;
    expect(stored.label).toBe('Office PC');
    expect(stored.runtime.node).toBe('22.1.0');
    expect(store.getRun('after-upgrade').machineLabel).toBe('Office PC');
    expect(store.setMachineLabel(first, '').label).toBeNull();
  } finally {
    store.close();
  }
});
