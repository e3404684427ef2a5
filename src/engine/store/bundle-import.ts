// Importing bundles into the history: checked and stored in one transaction, run by run where the text's
// layout allows, so either every new run lands or none does; runs already present are skipped.
import type { Bundle, ImportReport, MachineInfo } from '../../shared/history.js';
import { checkEnvelope, parseBundle, RunChecker, unwrapReport, type BundleRun } from './bundle-check.js';
import { locateRuns } from './bundle-layout.js';
import type { Machines } from './machines.js';
import type { SqliteDatabase } from './native.js';
import type { Runs } from './runs.js';

/** Stores the machines of a checked bundle; returns their row ids by fingerprint. */
function storeMachines(machines: Machines, infos: MachineInfo[], now: string): Map<string, number> {
  const ids = new Map<string, number>();
  // A known machine keeps its own details and label; an unknown one is created as it was exported.
  for (const info of infos) ids.set(info.fingerprint, machines.upsert(info, now, false).id);
  return ids;
}

/** Stores one checked run unless a run with its id is already stored; says whether it was stored. */
function storeRun(runs: Runs, run: BundleRun, machineId: number): boolean {
  if (runs.has(run.id)) return false;
  runs.begin({
    runId: run.id,
    spec: run.spec,
    startedAt: run.startedAt,
    machineId,
    appVersion: run.appVersion,
    nodeVersion: run.nodeVersion,
    v8Version: run.v8Version ?? null,
    electronVersion: run.electronVersion,
    noise: run.noise ?? [],
    // No pid: an imported run is never mistaken for one this host is recording. One that was still
    // being recorded when exported will never finish here.
    pid: null,
    hostname: null,
    status: run.status === 'running' ? 'interrupted' : run.status,
    endedAt: run.endedAt,
  });
  runs.addResultsUnsafe(run.id, run.results);
  return true;
}

function tally(report: ImportReport, runId: string, stored: boolean): void {
  if (!stored) {
    report.skipped++;
    return;
  }
  report.imported++;
  report.runIds.push(runId);
}

/** Imports a validated bundle in one transaction. Runs already present (same id) are skipped. */
export function importBundle(
  db: SqliteDatabase,
  runs: Runs,
  machines: Machines,
  bundle: Bundle,
  now: string,
): ImportReport {
  return db.transaction((): ImportReport => {
    const machineIds = storeMachines(machines, bundle.machines, now);
    const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
    for (const run of bundle.runs) {
      tally(report, run.id, storeRun(runs, run, machineIds.get(run.machineFingerprint)!));
    }
    return report;
  })();
}

/** A piece of the text that JSON.parse refused: the whole text is then parsed for the reason. */
class BrokenPiece extends Error {}

function parsePiece(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BrokenPiece();
  }
}

/**
 * Imports a bundle's text in one transaction, parsing, checking and storing one run at a time (see
 * bundle-layout.ts for why). The first bad run throws and the transaction is rolled back, so a rejected
 * bundle leaves nothing behind, as if it had been checked whole first. Runs already present are skipped.
 */
export function importBundleText(
  db: SqliteDatabase,
  runs: Runs,
  machines: Machines,
  text: string,
  source: string,
  now: string,
): ImportReport {
  const json = unwrapReport(text, source);
  const whole = (): ImportReport => importBundle(db, runs, machines, parseBundle(json, source), now);
  const layout = locateRuns(json);
  if (!layout) return whole();
  try {
    return db.transaction((): ImportReport => {
      const raw = parsePiece(json.slice(0, layout.runsStart) + '[]' + json.slice(layout.runsEnd));
      const envelope = checkEnvelope(raw, source);
      // An escaped or repeated "runs" key would leave another array here than the empty one put in.
      if (envelope.runs.length !== 0) throw new BrokenPiece();
      const machineIds = storeMachines(machines, envelope.machines, now);
      const checker = new RunChecker(source, envelope.machines);
      const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
      for (let i = 0; i < layout.runs.length; i++) {
        const [start, end] = layout.runs[i];
        const run = checker.check(parsePiece(json.slice(start, end)), i);
        tally(report, run.id, storeRun(runs, run, machineIds.get(run.machineFingerprint)!));
      }
      return report;
    })();
  } catch (error) {
    // The transaction was rolled back; parsing the whole text names what is wrong with it.
    if (error instanceof BrokenPiece) return whole();
    throw error;
  }
}
