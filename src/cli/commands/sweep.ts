// `cbench sweep` and `cbench break-even`: how each parallel model grows with workers, and from what size
// it pays off. Flags are checked before anything runs (exit 2, one line naming the flag); the run is
// recorded like any other, with its analysis recomputed from the results wherever it is read.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { exportScaling } from '../../engine/export/scaling.js';
import {
  BREAK_EVEN_BOUNDS,
  BREAK_EVEN_DEFAULTS,
  buildBreakEvenSpec,
  buildSweepSpec,
  SWEEP_DEFAULTS,
  type BreakEvenRequest,
  type SweepRequest,
} from '../../engine/sweep/plan.js';
import { runScaling } from '../../engine/sweep/run.js';
import { WORKLOAD_IDS } from '../../shared/results.js';
import { analyzeScaling, PARALLEL_MODEL_IDS } from '../../shared/scaling.js';
import { commaList, integer } from '../flags.js';
import { DB_HELP } from '../history-access.js';
import { renderScalingTable } from '../scaling-table.js';
import { recordedRun, type DocumentFlags, type RecordedRunOptions } from '../session.js';

interface ScalingFlags extends DocumentFlags {
  workload: string;
  models?: string[];
  memo?: string;
  kernel?: string;
  images?: string[];
  reps?: number;
  warmup?: number;
  seed?: number;
  save: boolean;
  db?: string;
}

interface SweepFlags extends ScalingFlags {
  workers?: number[];
  weak?: boolean;
  limit?: number;
  size?: number;
}

interface BreakEvenFlags extends ScalingFlags {
  workers?: number;
  minSize?: number;
  maxSize?: number;
}

/** Registers `cbench sweep` on the root program. */
export function registerSweepCommand(program: Command): void {
  const sweep = program
    .command('sweep')
    .description(
      'run each parallel model at 1..2x the CPU count of workers: speed-up, efficiency, Amdahl fit, best count',
    )
    .option(
      '--workers <list>',
      'comma-separated worker counts (default: 1, 2, ... up to 2x the CPU count)',
      workerList,
    )
    .option('--weak', "Gustafson's view: grow the size with the worker count (same work per worker)")
    .option('--limit <n>', `primes: limit at 1 worker (default ${SWEEP_DEFAULTS.primesLimit})`, integer)
    .option('--size <n>', `matrix: n at 1 worker (default ${SWEEP_DEFAULTS.matrixSize})`, integer);
  addCommon(sweep, String(SWEEP_DEFAULTS.reps), String(SWEEP_DEFAULTS.warmup)).action(
    async (flags: SweepFlags) => {
      process.exitCode = await scalingCommand(flags, (host) =>
        buildSweepSpec(
          {
            ...common(flags),
            ...(flags.workers ? { workers: flags.workers } : {}),
            ...(flags.weak ? { weak: true } : {}),
            ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
            ...(flags.size !== undefined ? { size: flags.size } : {}),
          },
          host,
        ),
      );
    },
  );
}

/** Registers `cbench break-even` on the root program. */
export function registerBreakEvenCommand(program: Command): void {
  const bounds = WORKLOAD_IDS.map((w) => `${w} ${BREAK_EVEN_BOUNDS[w].min}-${BREAK_EVEN_BOUNDS[w].max}`).join(
    ', ',
  );
  const breakEven = program
    .command('break-even')
    .description('find, per parallel model, the input size from which it is faster than sequential')
    .option('--workers <n>', 'workers of the parallel models (default: CPU count)', integer)
    .option('--min-size <n>', 'smallest size searched (primes limit, matrix n, image files)', integer)
    .option('--max-size <n>', `largest size searched (defaults: ${bounds})`, integer);
  addCommon(
    breakEven,
    `${BREAK_EVEN_DEFAULTS.reps}, more where a repetition is short`,
    `${BREAK_EVEN_DEFAULTS.warmup}; up to 5 by time where a repetition is short`,
  ).action(async (flags: BreakEvenFlags) => {
    process.exitCode = await scalingCommand(flags, (host) =>
      buildBreakEvenSpec(
        {
          ...common(flags),
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          ...(flags.minSize !== undefined ? { minSize: flags.minSize } : {}),
          ...(flags.maxSize !== undefined ? { maxSize: flags.maxSize } : {}),
        },
        host,
      ),
    );
  });
}

/** `reps` and `warmup` complete each flag's "(default …)". */
function addCommon(command: Command, reps: string, warmup: string): Command {
  return command
    .requiredOption('--workload <name>', `one of ${WORKLOAD_IDS.join(', ')}`)
    .option(
      '--models <list>',
      `comma-separated parallel models (default: ${PARALLEL_MODEL_IDS.join(',')})`,
      commaList,
    )
    .option('--memo <mode>', 'primes: off, cold or warm (default off)')
    .option('--kernel <name>', 'matrix: tuned or ml-matrix')
    .option('--images <paths...>', 'image files or folders (default: the bundled samples)')
    .option('--reps <n>', `timed repetitions per point (default ${reps})`, integer)
    .option('--warmup <n>', `untimed warm-up runs per point (default ${warmup})`, integer)
    .option('--seed <n>', 'seed of the model-order shuffle', integer)
    .addOption(
      new Option('--json', 'write the run and its analysis as JSON (docs/cli-json.md)').conflicts([
        'csv',
        'markdown',
      ]),
    )
    .addOption(new Option('--csv', 'write the analysis as CSV').conflicts(['json', 'markdown']))
    .addOption(new Option('--markdown', 'write the analysis as Markdown').conflicts(['json', 'csv']))
    .option('--out <file>', 'write the document to FILE instead of stdout')
    .option('--no-save', 'do not record the run in the history')
    .option('--db <path>', DB_HELP);
}

function common(flags: ScalingFlags): SweepRequest & BreakEvenRequest {
  // Names are checked by the spec builders (one rule for CLI and GUI); the casts only carry them there.
  return {
    workload: flags.workload as SweepRequest['workload'],
    ...(flags.models ? { models: flags.models as SweepRequest['models'] } : {}),
    ...(flags.memo !== undefined ? { memo: [flags.memo] as SweepRequest['memo'] } : {}),
    ...(flags.kernel !== undefined ? { kernel: flags.kernel as SweepRequest['kernel'] } : {}),
    ...(flags.images ? { images: flags.images } : {}),
    ...(flags.reps !== undefined ? { reps: flags.reps } : {}),
    ...(flags.warmup !== undefined ? { warmup: flags.warmup } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  } as SweepRequest & BreakEvenRequest;
}

function scalingCommand(flags: ScalingFlags, build: RecordedRunOptions['build']): Promise<number> {
  return recordedRun({
    flags,
    build,
    execute: runScaling,
    render: (results, colors, spec) => {
      const analysis = analyzeScaling(spec, results);
      return analysis ? renderScalingTable(analysis, colors) : colors.dim('no results');
    },
    document: exportScaling,
  });
}

/** "1,2,4" -> [1, 2, 4]; the counts themselves are checked by the spec builder, which names the bad one. */
function workerList(value: string): number[] {
  return commaList(value).map((item) => {
    if (!/^[+-]?\d+$/.test(item)) throw new InvalidArgumentError(`"${item}" is not a positive integer`);
    return Number(item);
  });
}
