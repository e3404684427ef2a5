// `cbench compare RUN RUN...`: per case and model, side by side against the first run.
import Table from 'cli-table3';
import type { Command } from 'commander';
import type { Comparison } from '../../shared/history.js';
import { compareRuns } from '../../engine/stats/compare.js';
import { colorsFor, type Colors } from '../colors.js';
import { UsageError } from '../errors.js';
import { formatMs, localTime, machineName } from '../format.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface CompareFlags {
  json?: boolean;
  minEffect?: number;
  db?: string;
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1000)
    throw new UsageError(`--min-effect must be a percentage 0-1000, got "${value}"`);
  return n;
}

function renderComparison(comparison: Comparison, colors: Colors): string {
  const lines: string[] = [];
  comparison.runs.forEach((run, i) => {
    lines.push(
      `${colors.bold(`[${i + 1}]`)} ${run.id}  ${localTime(run.startedAt)}  ${run.suite}, ${run.status}  ${machineName(run)}  Node ${run.nodeVersion}${i === 0 ? colors.dim('  (baseline)') : ''}`,
    );
  });
  for (const warning of comparison.warnings) lines.push(colors.yellow(`warning: ${warning}`));
  const table = new Table({
    head: ['Case', 'Model', ...comparison.runs.map((_, i) => `[${i + 1}]`)].map((h) => colors.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  const notes = new Set<string>();
  for (const row of comparison.rows) {
    table.push([
      row.caseId,
      row.model,
      ...row.cells.map((cell, i) => {
        if (!cell) return '-';
        if (cell.medianMs === null) return cell.status ?? '-';
        let text = formatMs(cell.medianMs);
        if (i > 0 && cell.relativePct !== null) {
          const rel = `${cell.relativePct >= 0 ? '+' : ''}${cell.relativePct.toFixed(1)}%`;
          const p =
            cell.pValue === null ? '' : ` p=${cell.pValue < 0.001 ? '<0.001' : cell.pValue.toFixed(3)}`;
          const mark = cell.significant
            ? cell.relativePct < 0
              ? colors.green(' faster')
              : colors.red(' slower')
            : '';
          text += ` ${rel}${p}${mark}`;
          if (cell.note) notes.add(cell.note);
        }
        return text;
      }),
    ]);
  }
  lines.push(table.toString());
  lines.push(
    colors.dim(
      `Mann-Whitney U on the repetitions, two-sided; "faster"/"slower" where p < 0.05 and the change is at least ${comparison.minEffectPct}%.`,
    ),
  );
  for (const note of notes) lines.push(colors.dim(`note: ${note}`));
  if (comparison.scaling) {
    lines.push(colors.bold('Scaling sweeps:'));
    for (const row of comparison.scaling) lines.push(`- ${row.summary}`);
  }
  return lines.join('\n');
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare recorded runs side by side (the first is the baseline)')
    .argument('<runs...>', 'two or more run ids (or unique prefixes)')
    .option('--min-effect <pct>', 'smallest relative change counted as significant', percent, 5)
    .option('--json', 'print the comparison as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (runs: string[], flags: CompareFlags) => {
      if (runs.length < 2) throw new UsageError('compare needs at least two run ids');
      const comparison = await withHistory(flags.db, (store) =>
        compareRuns(store.getRuns(runs.map((r) => store.resolveRunId(r))), { minEffectPct: flags.minEffect }),
      );
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : `${renderComparison(comparison, colorsFor(process.stdout))}\n`,
      );
    });
}
