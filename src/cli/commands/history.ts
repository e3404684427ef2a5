// `cbench history`: the recorded runs, newest first, filtered by machine, suite, kind or date.
import Table from 'cli-table3';
import { Option, type Command } from 'commander';
import type { HistoryFilter, RunSummary } from '../../shared/history.js';
import { SUITE_IDS, type SuiteId } from '../../shared/results.js';
import { RUN_KINDS, type RunKind } from '../../shared/scaling.js';
import { colorsFor } from '../colors.js';
import { positiveInt } from '../flags.js';
import { localTime, machineName } from '../format.js';
import { DB_HELP, withHistory } from '../history-access.js';

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

/** Registers `cbench history` on the root program. */
export function registerHistoryCommand(program: Command): void {
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
