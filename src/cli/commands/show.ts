// `cbench show RUN`: one stored run in full, as a table or as JSON, CSV or Markdown.
import { Option, type Command } from 'commander';
import { exportRun, reportFromRecord, type ExportFormat } from '../../engine/export/index.js';
import { exportScaling } from '../../engine/export/scaling.js';
import { analyzeScaling } from '../../shared/scaling.js';
import { colorsFor } from '../colors.js';
import { renderScalingTable } from '../scaling-table.js';
import { formatBytes, localTime, machineName } from '../format.js';
import { renderResultsTable } from '../table.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface ShowFlags {
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  db?: string;
}

export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description('print one recorded run in full')
    .argument('<run>', 'run id (or a unique prefix of at least 4 characters)')
    .addOption(new Option('--json', 'the full run as JSON').conflicts(['csv', 'markdown']))
    .addOption(new Option('--csv', 'one row per (case, model)').conflicts(['json', 'markdown']))
    .addOption(new Option('--markdown', 'tables as Markdown').conflicts(['json', 'csv']))
    .option('--db <path>', DB_HELP)
    .action(async (run: string, flags: ShowFlags) => {
      const record = await withHistory(flags.db, (store) => store.getRun(store.resolveRunId(run)));
      const format: ExportFormat | undefined = flags.json
        ? 'json'
        : flags.csv
          ? 'csv'
          : flags.markdown
            ? 'markdown'
            : undefined;
      if (format) {
        const report = reportFromRecord(record);
        process.stdout.write(record.spec.scaling ? exportScaling(format, report) : exportRun(format, report));
        return;
      }
      const colors = colorsFor(process.stdout);
      const scaling = analyzeScaling(record.spec, record.results);
      const m = record.machine;
      const lines = [
        `${colors.bold('Run')} ${record.id}  ${record.kind === 'suite' ? record.suite : record.kind}, ${record.status}`,
        `${colors.bold('Started')} ${localTime(record.startedAt)}${record.endedAt ? `, ended ${localTime(record.endedAt)}` : ''}`,
        `${colors.bold('Machine')} ${machineName(record)}: ${m.cpu.cores ?? '?'} cores / ${m.cpu.threads} threads, ${formatBytes(m.memoryBytes)}, ${m.os.distro ?? m.os.platform} ${m.os.arch}`,
        `${colors.bold('Runtime')} Node ${m.runtime.node}, V8 ${m.runtime.v8}${m.runtime.electron ? `, Electron ${m.runtime.electron}` : ''}; app ${record.appVersion}`,
        `${colors.bold('Settings')} ${record.spec.workers} workers, ${record.spec.reps} reps, ${record.spec.warmup} warm-up, seed ${record.spec.shuffleSeed}`,
        ...m.noise.map((n) => colors.yellow(`noise: ${n}`)),
        '',
        scaling ? renderScalingTable(scaling, colors) : renderResultsTable(record.results, colors),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
