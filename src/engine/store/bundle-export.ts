// Portable JSON bundles of runs with their machines, the export side: what `cbench export`, the GUI's
// export and the report embed. Checking and importing a bundle live in bundle-check.ts and bundle-import.ts.
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type MachineInfo } from '../../shared/history.js';
import { Machines } from './machines.js';
import type { Runs } from './runs.js';

/** Builds a bundle of the given runs (already checked to exist) and the machines they ran on. */
export function buildBundle(
  runs: Runs,
  machines: Machines,
  ids: string[],
  appVersion: string,
  now: string,
): Bundle {
  runs.requireAll(ids);
  const machineInfos = new Map<string, MachineInfo>();
  const bundleRuns: Bundle['runs'] = [];
  for (const id of new Set(ids)) {
    const { machine, machineId: _machineId, ...record } = runs.get(id);
    if (!machineInfos.has(machine.fingerprint)) {
      // The machine entry carries the machine as stored, not one run's runtime snapshot.
      machineInfos.set(machine.fingerprint, Machines.toInfo(machines.get(machine.id)!));
    }
    bundleRuns.push({
      ...record,
      machineFingerprint: machine.fingerprint,
      v8Version: machine.runtime.v8,
      noise: machine.noise,
    });
  }
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now,
    appVersion,
    machines: [...machineInfos.values()],
    runs: bundleRuns,
  };
}
