import { expect, test } from 'vitest';
import { collectMachineInfo, noiseWarnings } from '../../src/engine/machine.js';

test('collected machine info has a stable fingerprint and no zeros standing in for unknowns', async () => {
  const a = await collectMachineInfo();
  const b = await collectMachineInfo({ electronVersion: '45.5.0' });
  expect(a.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  // Runtime versions are not identity: the same machine under Electron has the same fingerprint.
  expect(b.fingerprint).toBe(a.fingerprint);
  expect(b.runtime.electron).toBe('45.5.0');
  expect(a.runtime.electron).toBeNull();
  expect(a.runtime.node).toBe(process.versions.node);
  expect(a.cpu.threads).toBeGreaterThan(0);
  expect(a.memoryBytes).toBeGreaterThan(0);
  for (const value of [
    a.cpu.cores,
    a.cpu.speedBaseGHz,
    a.cpu.speedMaxGHz,
    a.cpu.cacheL1dBytes,
    a.cpu.cacheL2Bytes,
    a.cpu.cacheL3Bytes,
  ]) {
    expect(value === null || value > 0).toBe(true);
  }
  expect(a.label).toBeNull();
  expect(Array.isArray(a.noise)).toBe(true);
});

test('noise warnings name load, hypervisor, governor and battery', () => {
  expect(
    noiseWarnings({
      loadAverage1m: 0.1,
      threads: 8,
      virtualization: null,
      governor: 'performance',
      onBattery: false,
    }),
  ).toEqual([]);
  const all = noiseWarnings({
    loadAverage1m: 3.5,
    threads: 2,
    virtualization: 'KVM',
    governor: 'powersave',
    onBattery: true,
  });
  expect(all).toEqual([
    'load average 3.50 on 2 hardware threads: other work competes for the CPU',
    'running under a hypervisor (KVM): timings vary more than on bare metal',
    'CPU frequency governor is "powersave", not "performance"',
    'running on battery power: the CPU may be throttled',
  ]);
});
