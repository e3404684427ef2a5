// `cbench`: the command-line face of the engine. This file only assembles the commands (the list below is
// the CLI's table of contents, one file per command under commands/) and maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { registerCompareCommand } from './commands/compare.js';
import { registerExportCommand } from './commands/export.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerImportCommand } from './commands/import.js';
import { registerMachineCommand } from './commands/machine.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerShowCommand } from './commands/show.js';
import { registerBreakEvenCommand, registerSweepCommand } from './commands/sweep.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, messageOf, UsageError } from './errors.js';
import { appVersion } from './version.js';

/** Builds the `cbench` program (exported for --help checks in tests). */
export function createProgram(): Command {
  const program = new Command('cbench')
    .description('Measure, verify and compare Node.js concurrency models on CPU- and I/O-bound workloads')
    .version(appVersion())
    // Throw instead of exiting, so every usage error leaves through main() with exit code 2.
    .exitOverride()
    .showSuggestionAfterError(true);
  // Measuring.
  registerRunCommand(program);
  registerSweepCommand(program);
  registerBreakEvenCommand(program);
  // Reading and moving the history.
  registerHistoryCommand(program);
  registerShowCommand(program);
  registerCompareCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerMachineCommand(program);
  // Sharing.
  registerReportCommand(program);
  registerServeCommand(program);
  return program;
}

/** Runs the CLI on `argv` (node-style: [node, script, ...args]) and resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = createProgram();
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
