// `cbench history|show|compare|export|import|machine`: the run history from the terminal.
import Table from 'cli-table3';
import { Option, type Command } from 'commander';
import type { HistoryFilter, RunSummary } from '../../shared/history.js';
import { SUITE_IDS, type SuiteId } from '../../shared/results.js';
import { RUN_KINDS, type RunKind } from '../../shared/scaling.js';
import { BadRequestError, NotFoundError } from '../../engine/service.js';
import { DatabaseFileError, defaultDbPath, openStore, type Store } from '../../engine/store/index.js';
import { colorsFor } from '../colors.js';
import { UsageError } from '../errors.js';
import { registerCompareCommand } from './compare.js';
import { registerExportCommand } from './export.js';
import { registerImportCommand } from './import.js';
import { registerMachineCommand } from './machine.js';
import { registerShowCommand } from './show.js';

export const DB_HELP = 'history database file (default: $CBENCH_DB or the user data folder)';

/** Opens the history for one command and closes it after; bad input becomes a UsageError (exit 2). */
export async function withHistory<T>(
  dbFlag: string | undefined,
  action: (store: Store) => T | Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = openStore(dbFlag ?? defaultDbPath());
  } catch (caught) {
    if (caught instanceof DatabaseFileError)
      throw new UsageError(`${dbFlag ? '--db: ' : ''}${caught.message}`);
    throw caught;
  }
  try {
    return await action(store);
  } catch (caught) {
    if (caught instanceof NotFoundError || caught instanceof BadRequestError)
      throw new UsageError(caught.message);
    throw caught;
  } finally {
    store.close();
  }
}

export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
    }
    return n;
  };
}

/** "2024-06-07 14:03" in local time: what a person reads in a list. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function machineName(
  run: Pick<RunSummary, 'machineLabel' | 'cpuBrand' | 'machineFingerprint'>,
): string {
  return `${run.machineLabel ?? run.cpuBrand ?? 'unknown CPU'} (${run.machineFingerprint.slice(0, 8)})`;
}

interface HistoryFlags {
  machine?: string;
  suite?: SuiteId;
  kind?: RunKind;
  since?: string;
  limit?: number;
  all?: boolean;
  json?: boolean;
  db?: string;
}

const DEFAULT_LIST = 50;

function renderList(runs: RunSummary[]): string {
  const colors = colorsFor(process.stdout);
  const table = new Table({
    head: ['Run', 'Started', 'Suite', 'Status', 'Machine', 'Workloads', 'Models', 'Results', 'Node'].map(
      (h) => colors.bold(h),
    ),
    style: { head: [], border: [], compact: true },
  });
  for (const run of runs) {
    const status =
      run.status === 'completed'
        ? colors.green(run.status)
        : run.status === 'running'
          ? colors.cyan(run.status)
          : colors.yellow(run.status);
    table.push([
      run.id.slice(0, 8),
      localTime(run.startedAt),
      run.kind === 'suite' ? run.suite : run.kind,
      status,
      machineName(run),
      run.workloads.join(','),
      String(run.models.length),
      run.failedCount
        ? `${run.resultCount} (${colors.red(`${run.failedCount} failed`)})`
        : String(run.resultCount),
      run.nodeVersion,
    ]);
  }
  return table.toString();
}

function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description('list recorded runs, newest first')
    .option('--machine <m>', 'machine id, fingerprint prefix or label substring')
    .addOption(new Option('--suite <suite>', 'only runs of this suite').choices(SUITE_IDS))
    .addOption(new Option('--kind <kind>', 'only suites, sweeps or break-even searches').choices(RUN_KINDS))
    .option('--since <date>', 'only runs started at or after this ISO date (YYYY-MM-DD or a date-time)')
    .option('--limit <n>', `at most n runs (default ${DEFAULT_LIST})`, positiveInt('--limit'))
    .option('--all', 'every matching run')
    .option('--json', 'print {total, runs} as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (flags: HistoryFlags) => {
      const filter: HistoryFilter = { machine: flags.machine, suite: flags.suite, since: flags.since };
      if (flags.kind) filter.kind = flags.kind;
      if (!flags.all) filter.limit = flags.limit ?? DEFAULT_LIST;
      const page = await withHistory(flags.db, (store) => store.listRuns(filter));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      if (page.total === 0) {
        const filtered =
          flags.machine !== undefined ||
          flags.suite !== undefined ||
          flags.kind !== undefined ||
          flags.since !== undefined;
        process.stdout.write(filtered ? 'no recorded run matches these filters\n' : 'no runs recorded yet\n');
        return;
      }
      process.stdout.write(`${renderList(page.runs)}\n`);
      if (page.runs.length < page.total) {
        process.stdout.write(`${page.runs.length} of ${page.total} runs (--limit N or --all for more)\n`);
      }
    });
}

/** Registers the history commands on the root program. */
export function registerHistoryCommands(program: Command): void {
  registerHistoryCommand(program);
  registerShowCommand(program);
  registerCompareCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerMachineCommand(program);
}
