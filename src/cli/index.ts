// `cbench`: the command-line face of the engine. This file only assembles the commands (the list below is
// the CLI's table of contents, one file per command under commands/) and maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, messageOf, UsageError } from './errors.js';
import { appVersion } from './version.js';

type Register = (program: Command) => void;

/**
 * The CLI's table of contents: every command, in help order, with the module that registers it. A module is
 * loaded only when its command runs (or all of them, for help and "did you mean"), so `cbench history` does
 * not pay for loading sharp and the runner, nor `cbench run` for the web server.
 */
const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<Register>]> = [
  // Measuring.
  ['run', async () => (await import('./commands/run.js')).registerRunCommand],
  ['sweep', async () => (await import('./commands/sweep.js')).registerSweepCommand],
  ['break-even', async () => (await import('./commands/sweep.js')).registerBreakEvenCommand],
  // Reading and moving the history.
  ['history', async () => (await import('./commands/history.js')).registerHistoryCommand],
  ['show', async () => (await import('./commands/show.js')).registerShowCommand],
  ['compare', async () => (await import('./commands/compare.js')).registerCompareCommand],
  ['export', async () => (await import('./commands/export.js')).registerExportCommand],
  ['import', async () => (await import('./commands/import.js')).registerImportCommand],
  ['machine', async () => (await import('./commands/machine.js')).registerMachineCommand],
  // Sharing.
  ['report', async () => (await import('./commands/report.js')).registerReportCommand],
  ['serve', async () => (await import('./commands/serve.js')).registerServeCommand],
];

/**
 * Builds the `cbench` program with the command named by `argv` (node-style) registered, or every command
 * when argv names none of them (help, version, a misspelt command).
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('cbench')
    .description('Measure, verify and compare Node.js concurrency models on CPU- and I/O-bound workloads')
    .version(appVersion())
    // Throw instead of exiting, so every usage error leaves through main() with exit code 2.
    .exitOverride()
    .showSuggestionAfterError(true);
  const named = COMMANDS.filter(([name]) => name === argv[2]);
  for (const [, load] of named.length > 0 ? named : COMMANDS) (await load())(program);
  return program;
}

/** Runs the CLI on `argv` (node-style: [node, script, ...args]) and resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = await createProgram(argv);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (caught) {
    if (caught instanceof CommanderError) {
      // Commander has already printed its one line ("error: unknown option '--x'").
      if (caught.code === 'commander.helpDisplayed' || caught.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (caught instanceof UsageError) {
      process.stderr.write(`error: ${caught.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`error: ${messageOf(caught)}\n`);
    if (process.env.CBENCH_DEBUG) process.stderr.write(`${(caught as Error).stack ?? ''}\n`);
    return EXIT_FAILED;
  }
}
