// `cbench run`: build a suite from flags, run it with live progress, print the table, record it in the
// history, and optionally write the run as JSON/CSV/Markdown. Every flag is checked before anything runs
// or is written (exit 2 with one line naming the flag); a failed result exits 1; Ctrl-C exits 130.
import { Option, type Command } from 'commander';
import { exportRun } from '../../engine/export/index.js';
import { runSuite } from '../../engine/runner.js';
import { buildSuiteSpec, SUITES, type SuiteRequest } from '../../engine/suites.js';
import {
  SUITE_IDS,
  type MatrixKernel,
  type MemoMode,
  type ModelId,
  type SuiteId,
  type WorkloadId,
} from '../../shared/results.js';
import { commaList, integer } from '../flags.js';
import { DB_HELP } from '../history-access.js';
import { recordedRun, type DocumentFlags } from '../session.js';
import { renderResultsTable } from '../table.js';

interface RunFlags extends DocumentFlags {
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
    .option('--db <path>', DB_HELP)
    .addHelpText('after', `\nSuites:\n${suiteHelp}`)
    .action(async (flags: RunFlags) => {
      process.exitCode = await runCommand(flags);
    });
}

async function runCommand(flags: RunFlags): Promise<number> {
  return recordedRun({
    flags,
    build: (host) => buildSuiteSpec(suiteRequest(flags), host),
    execute: runSuite,
    render: (results, colors) => renderResultsTable(results, colors),
    document: exportRun,
  });
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
