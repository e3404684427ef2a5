// The history of one session, in memory: what the app falls back to when its SQLite database cannot be
// opened (the desktop app's addon is missing or built for another Electron, the file is not a database).
// It answers the same calls as the Store, so runs still execute, show, compare and export; nothing
// survives the process, which the GUI says in its banner.
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type HistoryFilter,
  type HistoryPage,
  type ImportReport,
  type MachineInfo,
  type RunRecord,
  type RunSummary,
  type StoredMachine,
} from '../../shared/history.js';
import type { ModelResult, RunStatus } from '../../shared/results.js';
import { runKindOf } from '../../shared/scaling.js';
import { NotFoundError } from '../service.js';
import { parseBundle } from './bundle-check.js';
import { resultKey, type BeginRun, type HistoryBackend } from './history-backend.js';
import { parseSince } from './run-filter.js';

interface Entry {
  record: Omit<RunRecord, 'machine' | 'machineLabel' | 'machineId'>;
  machineFingerprint: string;
  v8Version: string | null;
  noise: string[];
}

export class SessionHistory implements HistoryBackend {
  private readonly machines = new Map<string, StoredMachine>();
  private readonly entries = new Map<string, Entry>();
  private nextMachineId = 1;

  readonly runs = {
    has: (runId: string): boolean => this.entries.has(runId),
    storedKeys: (runId: string): Set<string> =>
      new Set((this.entries.get(runId)?.record.results ?? []).map(resultKey)),
  };

  upsertMachine(info: MachineInfo, now = new Date().toISOString()): StoredMachine {
    const known = this.machines.get(info.fingerprint);
    const machine: StoredMachine = known
      ? { ...known, ...info, label: known.label, lastSeen: now }
      : { ...info, id: this.nextMachineId++, firstSeen: now, lastSeen: now };
    this.machines.set(info.fingerprint, machine);
    return machine;
  }

  setMachineLabel(info: MachineInfo, label: string | null): StoredMachine {
    const machine = { ...this.upsertMachine(info), label: label === '' ? null : label };
    this.machines.set(info.fingerprint, machine);
    return machine;
  }

  findMachine(fingerprint: string): StoredMachine | undefined {
    return this.machines.get(fingerprint);
  }

  beginRun(run: BeginRun): void {
    const machine = [...this.machines.values()].find((m) => m.id === run.machineId);
    if (!machine) throw new Error(`session history: unknown machine id ${run.machineId}`);
    this.entries.set(run.runId, {
      record: {
        id: run.runId,
        kind: runKindOf(run.spec),
        suite: run.spec.suite,
        status: run.status ?? 'running',
        startedAt: run.startedAt,
        endedAt: run.endedAt ?? null,
        machineFingerprint: machine.fingerprint,
        cpuBrand: machine.cpu.brand,
        workloads: [...new Set(run.spec.cases.map((c) => c.params.workload))],
        models: [...run.spec.models],
        resultCount: 0,
        failedCount: 0,
        appVersion: run.appVersion,
        nodeVersion: run.nodeVersion,
        electronVersion: run.electronVersion,
        spec: run.spec,
        results: [],
      },
      machineFingerprint: machine.fingerprint,
      v8Version: run.v8Version,
      noise: run.noise,
    });
  }

  private entry(runId: string): Entry {
    const entry = this.entries.get(runId);
    if (!entry) throw new NotFoundError(`unknown run id: ${runId}`);
    return entry;
  }

  addResult(runId: string, result: ModelResult): void {
    const { record } = this.entry(runId);
    record.results.push(result);
    record.resultCount++;
    if (result.status !== 'ok') record.failedCount++;
  }

  finishRun(runId: string, status: RunStatus, endedAt: string | null = new Date().toISOString()): void {
    const { record } = this.entry(runId);
    record.status = status;
    record.endedAt = endedAt;
  }

  private full(entry: Entry): RunRecord {
    const machine = this.machines.get(entry.machineFingerprint)!;
    return { ...entry.record, machineId: machine.id, machineLabel: machine.label, machine };
  }

  listRuns(filter: HistoryFilter = {}): HistoryPage {
    const since = filter.since === undefined ? undefined : parseSince(filter.since);
    const wanted = filter.machine?.toLowerCase();
    const matches = [...this.entries.values()]
      .map((entry) => this.full(entry))
      .filter(
        (run) =>
          (filter.suite === undefined || run.suite === filter.suite) &&
          (filter.kind === undefined || run.kind === filter.kind) &&
          (since === undefined || run.startedAt >= since) &&
          (!wanted ||
            run.machine.fingerprint.startsWith(wanted) ||
            (run.machine.label ?? '').toLowerCase().includes(wanted) ||
            String(run.machine.id) === wanted),
      )
      .sort((a, b) =>
        a.startedAt === b.startedAt ? b.id.localeCompare(a.id) : b.startedAt.localeCompare(a.startedAt),
      );
    const offset = filter.offset ?? 0;
    const page = matches.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
    return {
      total: matches.length,
      runs: page.map(
        ({ spec: _spec, machine: _machine, results: _results, ...summary }): RunSummary => summary,
      ),
    };
  }

  getRun(runId: string): RunRecord {
    return this.full(this.entry(runId));
  }

  getRuns(runIds: string[]): RunRecord[] {
    const unknown = runIds.filter((id) => !this.entries.has(id));
    if (unknown.length > 0) {
      throw new NotFoundError(`unknown run id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    }
    return runIds.map((id) => this.getRun(id));
  }

  deleteRuns(runIds: string[]): number {
    this.getRuns(runIds);
    let deleted = 0;
    for (const id of new Set(runIds)) if (this.entries.delete(id)) deleted++;
    return deleted;
  }

  exportBundle(runIds: string[], appVersion: string): Bundle {
    const runs = this.getRuns([...new Set(runIds)]);
    const machines = new Map<string, MachineInfo>();
    for (const run of runs) {
      const { id: _id, firstSeen: _first, lastSeen: _last, ...info } = run.machine;
      machines.set(info.fingerprint, info);
    }
    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exportedAt: new Date().toISOString(),
      appVersion,
      machines: [...machines.values()],
      runs: runs.map((run) => {
        const entry = this.entries.get(run.id)!;
        const { machine: _machine, machineId: _machineId, ...record } = run;
        return {
          ...record,
          machineFingerprint: entry.machineFingerprint,
          v8Version: entry.v8Version,
          noise: entry.noise,
        };
      }),
    };
  }

  importBundle(json: string, source = 'bundle'): ImportReport {
    const bundle = parseBundle(json, source);
    const report: ImportReport = { imported: 0, skipped: 0, runIds: [] };
    const now = new Date().toISOString();
    for (const info of bundle.machines)
      if (!this.machines.has(info.fingerprint)) this.upsertMachine(info, now);
    for (const run of bundle.runs) {
      if (this.entries.has(run.id)) {
        report.skipped++;
        continue;
      }
      const { machineFingerprint, v8Version, noise, machineLabel: _label, ...record } = run;
      this.entries.set(run.id, {
        record: {
          ...record,
          machineFingerprint,
          status: run.status === 'running' ? 'interrupted' : run.status,
        },
        machineFingerprint,
        v8Version: v8Version ?? null,
        noise: noise ?? [],
      });
      report.imported++;
      report.runIds.push(run.id);
    }
    return report;
  }

  close(): void {
    this.entries.clear();
  }
}
