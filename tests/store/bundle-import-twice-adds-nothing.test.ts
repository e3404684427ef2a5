import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/shared/history.js';
import { createRecorder, openStore } from '../../src/engine/store/index.js';
import { machine, result, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a bundle from another machine imports under that machine, and importing it again adds nothing', () => {
  const laptop = openStore(path.join(temp.dir, 'laptop.sqlite'));
  const laptopMachine = machine({ label: null }, 'feedfacefeedfacefeedfacefeedface');
  laptop.setMachineLabel(laptopMachine, 'Laptop');
  const record = createRecorder(laptop, laptopMachine, '0.1.0');
  for (const id of ['l-1', 'l-2']) for (const e of runEvents(id, '2024-02-01T00:00:00.000Z')) record(e);
  // A failed result whose last repetition did not verify travels with its reason.
  laptop.addResult('l-1', result(1, 'processes', [9, 9.5, 10], 'failed'));
  const bundle = laptop.exportBundle(['l-1', 'l-2'], '0.1.0');
  expect(bundle.format).toBe(BUNDLE_FORMAT);
  expect(bundle.version).toBe(BUNDLE_VERSION);
  expect(bundle.machines).toHaveLength(1);
  expect(bundle.machines[0].label).toBe('Laptop');
  const json = JSON.stringify(bundle);

  const desktop = openStore(path.join(temp.dir, 'desktop.sqlite'));
  try {
    const own = createRecorder(desktop, machine({}, '0123456789abcdef0123456789abcdef'), '0.1.0');
    for (const e of runEvents('d-1', '2024-02-02T00:00:00.000Z')) own(e);

    expect(desktop.importBundle(json)).toEqual({ imported: 2, skipped: 0, runIds: ['l-1', 'l-2'] });
    expect(desktop.importBundle(json)).toEqual({ imported: 0, skipped: 2, runIds: [] });
    expect(desktop.listRuns().total).toBe(3);

    const imported = desktop.getRun('l-1');
    const original = laptop.getRun('l-1');
    expect(imported.machine.fingerprint).toBe('feedfacefeedfacefeedfacefeedface');
    expect(imported.machine.label).toBe('Laptop');
    expect(imported.machineId).not.toBe(desktop.getRun('d-1').machineId);
    expect(
      desktop
        .listRuns({ machine: 'laptop' })
        .runs.map((r) => r.id)
        .sort(),
    ).toEqual(['l-1', 'l-2']);
    // Everything measured travels intact.
    expect(imported.results).toEqual(original.results);
    expect(imported.spec).toEqual(original.spec);
    expect(imported.machine.noise).toEqual(original.machine.noise);
    expect(imported.status).toBe('completed');
    expect(imported.failedCount).toBe(1);
    expect(imported.results.at(-1)!.samples[2].verification).toEqual({
      ok: false,
      reason: 'count 2261 != 2262',
    });
  } finally {
    desktop.close();
    laptop.close();
  }
});
