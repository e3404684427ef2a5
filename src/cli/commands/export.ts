// `cbench export RUN... --out FILE`: a versioned JSON bundle of runs and their machines.
import path from 'node:path';
import type { Command } from 'commander';
import { writeOutFile } from '../files.js';
import { appVersion } from '../version.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface ExportFlags {
  out: string;
  db?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write runs and their machines to a JSON bundle (for `cbench import` elsewhere)')
    .argument('<runs...>', 'run ids (or unique prefixes)')
    .requiredOption('--out <file>', 'bundle file to write')
    .option('--db <path>', DB_HELP)
    .action(async (runs: string[], flags: ExportFlags) => {
      const bundle = await withHistory(flags.db, (store) =>
        store.exportBundle(
          runs.map((r) => store.resolveRunId(r)),
          appVersion(),
        ),
      );
      const out = path.resolve(flags.out);
      await writeOutFile(out, `${JSON.stringify(bundle)}\n`);
      process.stdout.write(
        `exported ${bundle.runs.length} run${bundle.runs.length === 1 ? '' : 's'} to ${out}\n`,
      );
    });
}
