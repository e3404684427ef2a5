// `cbench run`: build a suite from flags, run it with live progress, print the table, record it in the
// history, and optionally write the run as JSON/CSV/Markdown. Every flag is checked before anything runs
// or is written (exit 2 with one line naming the flag); a failed result exits 1; Ctrl-C exits 130.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { exportRun, type ExportFormat } from '../../engine/export/index.js';
import { nodeHost } from '../../engine/host.js';
import { collectMachineInfo } from '../../engine/machine.js';
import { runSuite } from '../../engine/runner.js';
import {
  createRecorder,
  DatabaseFileError,
  defaultDbPath,
  openStore,
  type Store,
} from '../../engine/store/index.js';
import { buildSuiteSpec, SUITES, SuiteOptionError, type SuiteRequest } from '../../engine/suites.js';
import type { MachineInfo, RunReport } from '../../shared/history.js';
import {
  SUITE_IDS,
  type MatrixKernel,
  type MemoMode,
  type ModelId,
  type ModelResult,
  type RunEvent,
  type SuiteId,
  type WorkloadId,
} from '../../shared/results.js';
import { colorsFor, isFancy } from '../colors.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import { createProgressView } from '../progress.js';
import { formatBreakdown } from '../format.js';
import { renderResultsTable } from '../table.js';
import { appVersion } from '../version.js';

interface RunFlags {
  suite: SuiteId;
  workloads?: string[];
  models?: string[];
  limit?: number;
  memo?: string[];
  size?: number;
  kernel?: string;
  images?: string[];
  workers?: number;
  reps?: number;
  warmup?: number;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  out?: string;
  save: boolean;
  db?: string;
  seed?: number;
}

/** Registers `cbench run` on the root program. */
export function registerRunCommand(program: Command): void {
  const suiteHelp = SUITE_IDS.map((id) => `  ${id.padEnd(8)} ${SUITES[id].description}`).join('\n');
  program
    .command('run')
    .description('run a benchmark suite, print the results table and record the run in the history')
    .addOption(new Option('--suite <name>', 'suite to run').choices(SUITE_IDS).default('quick'))
    .option('--workloads <list>', 'comma-separated: primes,images,matrix', commaList)
    .option('--models <list>', 'comma-separated model ids (default: all seven)', commaList)
    .option('--limit <n>', 'primes: count primes up to n', integer)
    .option('--memo <list>', 'primes: memo modes, comma-separated: off,cold,warm', commaList)
    .option('--size <n>', 'matrix: n for n x n', integer)
    .option('--kernel <name>', 'matrix: tuned or ml-matrix')
    .option('--images <paths...>', 'image files or folders (default: the bundled samples)')
    .option('--workers <n>', 'threads/processes for the parallel models (default: CPU count)', integer)
    .option('--reps <n>', 'timed repetitions per (case, model)', integer)
    .option('--warmup <n>', 'untimed warm-up runs per (case, model)', integer)
    .option('--seed <n>', 'seed of the model-order shuffle (replays an order)', integer)
    .addOption(
      new Option('--json', 'write the run as JSON (docs/cli-json.md)').conflicts(['csv', 'markdown']),
    )
    .addOption(new Option('--csv', 'write the results as CSV').conflicts(['json', 'markdown']))
    .addOption(new Option('--markdown', 'write the results as a Markdown table').conflicts(['json', 'csv']))
    .option(
      '--out <file>',
      'write the document to FILE instead of stdout (format from the flag or the extension)',
    )
    .option('--no-save', 'do not record the run in the history')
    .option('--db <path>', 'history database file (default: $CBENCH_DB or the user data folder)')
    .addHelpText('after', `\nSuites:\n${suiteHelp}`)
    .action(async (flags: RunFlags) => {
      process.exitCode = await runCommand(flags);
    });
}

async function runCommand(flags: RunFlags): Promise<number> {
  const format = documentFormat(flags);
  const outFile = flags.out === undefined ? undefined : await checkedOutFile(flags.out);
  const host = nodeHost();
  let spec;
  try {
    spec = await buildSuiteSpec(suiteRequest(flags), host);
  } catch (caught) {
    if (caught instanceof SuiteOptionError) throw new UsageError(`--${caught.message}`);
    throw caught;
  }

  const machine: MachineInfo | undefined = flags.save || format ? await collectMachineInfo() : undefined;
  let store: Store | undefined;
  if (flags.save && machine) {
    try {
      store = openStore(flags.db ?? defaultDbPath());
    } catch (caught) {
      if (caught instanceof DatabaseFileError) throw new UsageError(`--db: ${caught.message}`);
      throw caught;
    }
  }

  const documentOnStdout = format !== undefined && outFile === undefined;
  const tableStream = documentOnStdout ? process.stderr : process.stdout;
  const progress = createProgressView(process.stderr, isFancy(process.stderr), colorsFor(process.stderr));
  const recorder = store && machine ? createRecorder(store, machine, appVersion()) : undefined;
  let startedAt = new Date().toISOString();
  let endedAt: string | null = null;
  let runError: string | undefined;

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    process.stderr.write('\ninterrupted: stopping the run (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  let outcome;
  try {
    outcome = await runSuite({
      spec,
      host,
      signal: controller.signal,
      onEvent: (event: RunEvent) => {
        if (event.type === 'plan') startedAt = event.startedAt;
        if (event.type === 'done') {
          endedAt = event.endedAt;
          runError = event.error;
        }
        // The recorder first: if the history cannot be written, the run stops rather than losing results.
        recorder?.(event);
        progress.onEvent(event);
      },
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    store?.close();
  }

  const colors = colorsFor(tableStream as NodeJS.WriteStream);
  tableStream.write(renderResultsTable(outcome.results, colors) + '\n');
  tableStream.write(formatBreakdown(outcome.breakdown) + '\n');
  if (runError) process.stderr.write(`error: the run failed: ${runError}\n`);

  if (format && machine) {
    const report: RunReport = {
      runId: outcome.runId,
      suite: spec.suite,
      status: outcome.status,
      startedAt,
      endedAt,
      appVersion: appVersion(),
      spec,
      machine,
      results: outcome.results,
    };
    const document = exportRun(format, report);
    if (outFile) {
      await writeFileAtomic(outFile, document);
      process.stderr.write(`${format} written to ${outFile}\n`);
    } else {
      process.stdout.write(document);
    }
  }
  if (store) process.stderr.write(`run ${outcome.runId} saved to ${store.file}\n`);

  if (outcome.status === 'cancelled') return EXIT_INTERRUPTED;
  return outcome.status === 'failed' || outcome.results.some(isFailure) ? EXIT_FAILED : EXIT_OK;
}

function isFailure(result: ModelResult): boolean {
  return result.status === 'failed';
}

function suiteRequest(flags: RunFlags): SuiteRequest {
  // Names are checked by buildSuiteSpec (one rule for CLI and GUI); the casts only carry them there.
  return {
    suite: flags.suite,
    ...(flags.workloads ? { workloads: flags.workloads as WorkloadId[] } : {}),
    ...(flags.models ? { models: flags.models as ModelId[] } : {}),
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    ...(flags.memo ? { memo: flags.memo as MemoMode[] } : {}),
    ...(flags.size !== undefined ? { size: flags.size } : {}),
    ...(flags.kernel !== undefined ? { kernel: flags.kernel as MatrixKernel } : {}),
    ...(flags.images ? { images: flags.images } : {}),
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.reps !== undefined ? { reps: flags.reps } : {}),
    ...(flags.warmup !== undefined ? { warmup: flags.warmup } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  };
}

/** The flag that was given, else the --out extension (.csv, .md), else JSON when only --out was given. */
function documentFormat(flags: RunFlags): ExportFormat | undefined {
  if (flags.json) return 'json';
  if (flags.csv) return 'csv';
  if (flags.markdown) return 'markdown';
  if (flags.out === undefined) return undefined;
  const ext = path.extname(flags.out).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.md' || ext === '.markdown' ? 'markdown' : 'json';
}

/** The absolute --out path, after checking its folder exists, so a bad path fails before the run, not after. */
async function checkedOutFile(out: string): Promise<string> {
  if (out.trim() === '') throw new UsageError('--out: empty file name');
  const file = path.resolve(out);
  const dir = path.dirname(file);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) throw new UsageError(`--out: folder ${dir} does not exist`);
  const fileStat = await stat(file).catch(() => undefined);
  if (fileStat?.isDirectory()) throw new UsageError(`--out: ${file} is a folder, not a file`);
  return file;
}

function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

function integer(value: string): number {
  if (!/^[+-]?\d+$/.test(value.trim())) throw new InvalidArgumentError('not an integer');
  return Number(value);
}
