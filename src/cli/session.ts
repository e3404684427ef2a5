// The part of `run`, `sweep` and `break-even` that is the same: open the history, run with live progress
// and Ctrl-C handling, print the table, write the document, and map the outcome to an exit code.
import type { ExportFormat } from '../engine/export/index.js';
import { nodeHost, type EngineHost } from '../engine/host.js';
import { collectMachineInfo } from '../engine/machine.js';
import type { RunSuiteOutcome } from '../engine/runner.js';
import {
  createRecorder,
  DatabaseFileError,
  defaultDbPath,
  openStore,
  type Store,
} from '../engine/store/index.js';
import type { MachineInfo, RunReport } from '../shared/history.js';
import type { ModelResult, RunEvent, SuiteSpec } from '../shared/results.js';
import { colorsFor, isFancy, type Colors } from './colors.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors.js';
import { writeFileAtomic } from './files.js';
import { formatBreakdown } from './format.js';
import { createProgressView } from './progress.js';
import { appVersion } from './version.js';
import { SuiteOptionError } from '../engine/suites.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** The output and history flags `run`, `sweep` and `break-even` share. */
export interface DocumentFlags {
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  out?: string;
  save: boolean;
  db?: string;
}

export interface RecordedRunOptions {
  flags: DocumentFlags;
  /** Builds and checks the spec; a SuiteOptionError becomes one line naming the flag, exit 2. */
  build: (host: EngineHost) => Promise<SuiteSpec>;
  execute: (options: {
    spec: SuiteSpec;
    host: EngineHost;
    signal: AbortSignal;
    onEvent: (event: RunEvent) => void;
  }) => Promise<RunSuiteOutcome>;
  render: (results: ModelResult[], colors: Colors, spec: SuiteSpec) => string;
  document: (format: ExportFormat, report: RunReport) => string;
}

/** Runs a checked spec to the end (or Ctrl-C), recording and printing it; resolves with the exit code. */
export async function recordedRun(options: RecordedRunOptions): Promise<number> {
  const { flags } = options;
  const format = documentFormat(flags);
  const outFile = flags.out === undefined ? undefined : await checkedOutFile(flags.out);
  const host = nodeHost();
  let spec: SuiteSpec;
  try {
    spec = await options.build(host);
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
    outcome = await options.execute({
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
  tableStream.write(options.render(outcome.results, colors, spec) + '\n');
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
    const document = options.document(format, report);
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

/** The flag that was given, else the --out extension (.csv, .md), else JSON when only --out was given. */
export function documentFormat(flags: DocumentFlags): ExportFormat | undefined {
  if (flags.json) return 'json';
  if (flags.csv) return 'csv';
  if (flags.markdown) return 'markdown';
  if (flags.out === undefined) return undefined;
  const ext = path.extname(flags.out).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.md' || ext === '.markdown' ? 'markdown' : 'json';
}

/** The absolute --out path, after checking its folder exists, so a bad path fails before the run, not after. */
export async function checkedOutFile(out: string): Promise<string> {
  if (out.trim() === '') throw new UsageError('--out: empty file name');
  const file = path.resolve(out);
  const dir = path.dirname(file);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) throw new UsageError(`--out: folder ${dir} does not exist`);
  const fileStat = await stat(file).catch(() => undefined);
  if (fileStat?.isDirectory()) throw new UsageError(`--out: ${file} is a folder, not a file`);
  return file;
}
