// `cbench report RUN... [--out FILE]`: one self-contained HTML file for runs (and their comparison when
// there are two or more) that opens anywhere, offline; it embeds the runs, so `cbench import` reads it back.
import path from 'node:path';
import type { Command } from 'commander';
import { buildReport } from '../../engine/report/index.js';
import { writeOutFile } from '../files.js';
import { appVersion } from '../version.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface ReportFlags {
  out?: string;
  db?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML report of runs (a comparison when two or more)')
    .argument('<runs...>', 'run ids (or unique prefixes)')
    .option('--out <file>', 'HTML file to write (default: cbench-report-<run>.html here)')
    .option('--db <path>', DB_HELP)
    .action(async (runs: string[], flags: ReportFlags) => {
      const report = await withHistory(flags.db, (store) =>
        buildReport(
          store,
          runs.map((r) => store.resolveRunId(r)),
          appVersion(),
        ),
      );
      const out = path.resolve(flags.out ?? report.fileName);
      await writeOutFile(out, report.html);
      const n = report.records.length;
      process.stdout.write(
        `wrote a report of ${n} run${n === 1 ? '' : 's'} to ${out} (${Math.round(Buffer.byteLength(report.html) / 1024)} KB)\n`,
      );
    });
}
