// `cbench import FILE...`: merges bundles into the history. All files are imported in one transaction,
// so one bad file means nothing is imported.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface ImportFlags {
  json?: boolean;
  db?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import runs from bundles made by `cbench export` (runs already present are skipped)')
    .argument('<files...>', 'bundle files')
    .option('--json', 'print the import reports as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (files: string[], flags: ImportFlags) => {
      const texts: Array<{ file: string; json: string }> = [];
      for (const file of files) {
        try {
          texts.push({ file, json: await readFile(path.resolve(file), 'utf8') });
        } catch (caught) {
          throw new UsageError(`cannot read ${file}: ${(caught as Error).message}; nothing was imported`);
        }
      }
      const reports = await withHistory(flags.db, (store) =>
        store
          .importBundles(texts.map(({ file, json }) => ({ json, source: file })))
          .map((report, i) => ({ file: texts[i].file, ...report })),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
        return;
      }
      for (const r of reports) {
        process.stdout.write(
          `${r.file}: imported ${r.imported} run${r.imported === 1 ? '' : 's'}, skipped ${r.skipped} already present\n`,
        );
      }
    });
}
