// The tables printed after a sweep or a break-even search, with the written conclusions under them.
import Table from 'cli-table3';
import type { BreakEvenAnalysis, ScalingAnalysis, SweepAnalysis } from '../shared/scaling.js';
import type { Colors } from './colors.js';
import { formatMs, formatRangeMs, formatSpeedup } from './format.js';

/** The analysis as a table plus its conclusions; colours only through `colors`. */
export function renderScalingTable(analysis: ScalingAnalysis, colors: Colors): string {
  const body = analysis.kind === 'sweep' ? sweepTable(analysis, colors) : breakEvenTable(analysis, colors);
  return [body, ...analysis.conclusions.map((c) => `- ${c}`)].join('\n');
}

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(0)}%`);

function sweepTable(a: SweepAnalysis, colors: Colors): string {
  const seq = a.sequential[0];
  const head = [
    `${a.weak ? 'Weak' : 'Strong'} scaling, ${a.workload}, ${a.cpuCount} CPUs; sequential ${seq ? formatMs(seq.medianMs) : '-'}${a.weak ? " at 1 worker's size" : ''}`,
  ];
  const table = new Table({
    head: [
      'Model',
      'Workers',
      'Median ± MAD',
      '95% CI',
      a.weak ? 'Scaled speed-up' : 'Speed-up',
      'vs seq',
      'Efficiency',
      a.weak ? 'Size' : 'Karp-Flatt',
      'Best',
    ].map((h) => colors.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const m of a.models) {
    m.points.forEach((p, i) => {
      const median = p.medianMs === null ? p.status : formatMs(p.medianMs);
      table.push([
        i === 0 ? colors.bold(m.model) : '',
        p.oversubscribed ? colors.yellow(`${p.workers}*`) : String(p.workers),
        median,
        p.ci95Ms ? formatRangeMs(p.ci95Ms) : '-',
        p.speedup === null ? '-' : formatSpeedup(p.speedup),
        p.speedupVsSequential === null ? '-' : formatSpeedup(p.speedupVsSequential),
        p.efficiencyCi
          ? `${pct(p.efficiency)} (${pct(p.efficiencyCi[0])}–${pct(p.efficiencyCi[1])})`
          : pct(p.efficiency),
        a.weak ? p.size.toLocaleString('en-US') : pct(p.karpFlatt),
        p.workers === m.bestWorkers ? colors.green('◀ best') : '',
      ]);
    });
  }
  const foot = colors.dim(
    `* more workers than the ${a.cpuCount} CPUs (oversubscribed). Best: the smallest count within the 95% CI of the fastest.`,
  );
  return [...head, table.toString(), foot].join('\n');
}

function breakEvenTable(a: BreakEvenAnalysis, colors: Colors): string {
  const table = new Table({
    head: ['Model', 'Pays off from', '95% CI', 'Bracket', 'Points'].map((h) => colors.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const m of a.models) {
    const c = m.crossing;
    table.push([
      colors.bold(m.model),
      c
        ? Math.round(c.size).toLocaleString('en-US')
        : m.verdict === 'always'
          ? colors.green(`≤ ${a.minSize.toLocaleString('en-US')}`)
          : m.verdict === 'never'
            ? colors.red(`> ${a.maxSize.toLocaleString('en-US')}`)
            : '-',
      c
        ? `${Math.round(c.ci95[0]).toLocaleString('en-US')}–${Math.round(c.ci95[1]).toLocaleString('en-US')}`
        : '-',
      c ? `${c.bracket[0].toLocaleString('en-US')}–${c.bracket[1].toLocaleString('en-US')}` : '-',
      String(m.points.length),
    ]);
  }
  return [
    `Break-even against sequential, ${a.workload}, ${a.workers} workers, sizes ${a.minSize.toLocaleString('en-US')} to ${a.maxSize.toLocaleString('en-US')}`,
    table.toString(),
  ].join('\n');
}
