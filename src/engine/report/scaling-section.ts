// The report's section for a scaling sweep or a break-even search: the same analysis the Scaling view draws
// (src/shared/scaling.ts), as inline SVG line charts with CI bands and tables, plus the written conclusions.
import { MODEL_COLORS } from '../../shared/colors.js';
import { formatInt, formatMs } from '../../shared/format.js';
import type { RunRecord } from '../../shared/history.js';
import { analyzeScaling, type BreakEvenAnalysis, type SweepAnalysis } from '../../shared/scaling.js';
import { esc, lineChart, type LineSeries } from './svg.js';

const IDEAL = '#9ca3af';
const SEQUENTIAL = MODEL_COLORS.sequential;

function list(lines: string[]): string {
  return lines.length ? `<ul>${lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>` : '';
}

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(0)} %`;

function sweepSection(analysis: SweepAnalysis): string {
  const counts = analysis.workerCounts;
  const cores = [{ x: analysis.cpuCount, label: `${analysis.cpuCount} CPUs` }];
  const speedups: LineSeries[] = [
    // As in the Scaling view: no more speed-up than there are CPUs to run the workers.
    {
      label: 'ideal',
      color: IDEAL,
      dashed: true,
      points: counts.map((n) => ({ x: n, y: Math.min(n, analysis.cpuCount) })),
    },
    ...analysis.models.map((model) => ({
      label: model.model,
      color: MODEL_COLORS[model.model] ?? '#888',
      points: model.points
        .filter((p) => p.speedup !== null)
        .map((p) => ({
          x: p.workers,
          y: p.speedup!,
          ...(p.speedupCi ? { lo: p.speedupCi[0], hi: p.speedupCi[1] } : {}),
        })),
    })),
  ];
  const efficiencies: LineSeries[] = [
    {
      label: 'ideal',
      color: IDEAL,
      dashed: true,
      points: counts.map((n) => ({ x: n, y: Math.min(n, analysis.cpuCount) / n })),
    },
    ...analysis.models.map((model) => ({
      label: model.model,
      color: MODEL_COLORS[model.model] ?? '#888',
      points: model.points
        .filter((p) => p.efficiency !== null)
        .map((p) => ({
          x: p.workers,
          y: p.efficiency!,
          ...(p.efficiencyCi ? { lo: p.efficiencyCi[0], hi: p.efficiencyCi[1] } : {}),
        })),
    })),
  ];
  const view = analysis.weak
    ? 'scaled speed-up (work grows with workers)'
    : 'speed-up over the same model at 1 worker';
  const rows = analysis.models
    .map((model) => {
      const fit = analysis.weak ? model.gustafson : model.amdahl;
      const fitText = fit
        ? `${pct(fit.serialFraction)}${fit.ci95 ? ` (${pct(fit.ci95[0])}–${pct(fit.ci95[1])})` : ''}`
        : '–';
      const points = model.points
        .map(
          (p) =>
            `${p.workers}${p.oversubscribed ? '*' : ''}: ${p.medianMs === null ? p.status : formatMs(p.medianMs)}`,
        )
        .join(', ');
      return `<tr><td>${esc(model.model)}<td>${esc(model.bestWorkers ?? '–')}<td>${esc(fitText)}<td>${esc(points)}</tr>`;
    })
    .join('');
  return (
    `<h3>Scaling sweep · ${esc(analysis.workload)} · ${esc(analysis.cpuCount)} CPUs${analysis.weak ? ' · weak scaling' : ''}</h3>` +
    list(analysis.conclusions) +
    `<figure>${lineChart(`Speed-up vs workers: ${view}`, speedups, { xLabel: 'workers', yLabel: 'speed-up', markers: cores, formatY: (v) => `${v}×` })}</figure>` +
    `<figure>${lineChart('Parallel efficiency vs workers (speed-up / workers)', efficiencies, { xLabel: 'workers', yLabel: 'efficiency', markers: cores, formatY: (v) => `${Math.round(v * 100)}%` })}</figure>` +
    `<div class="scroll"><table><thead><tr><th>Model</th><th>Best workers</th><th>${analysis.weak ? 'Gustafson' : 'Amdahl'} serial fraction (95% CI)</th><th>Median per worker count (* more workers than CPUs)</th></tr></thead><tbody>${rows}</tbody></table></div>` +
    list(analysis.models.flatMap((model) => model.conclusions.map((line) => `${model.model}: ${line}`)))
  );
}

function breakEvenSection(analysis: BreakEvenAnalysis): string {
  const series: LineSeries[] = [
    {
      label: 'sequential',
      color: SEQUENTIAL,
      dashed: true,
      points: analysis.sequential.map((p) => ({ x: p.size, y: p.medianMs })),
    },
    ...analysis.models.map((model) => ({
      label: model.model,
      color: MODEL_COLORS[model.model] ?? '#888',
      points: model.points.map((p) => ({ x: p.size, y: p.modelMs })),
    })),
  ];
  const markers = analysis.models
    .filter((model) => model.crossing)
    .map((model) => ({
      x: model.crossing!.size,
      label: `${model.model} ≈ ${formatInt(model.crossing!.size)}`,
    }));
  const rows = analysis.models
    .map((model) => {
      const crossing = model.crossing
        ? `${formatInt(model.crossing.size)} (${formatInt(model.crossing.ci95[0])}–${formatInt(model.crossing.ci95[1])})`
        : '–';
      return `<tr><td>${esc(model.model)}<td>${esc(model.verdict)}<td>${esc(crossing)}<td>${esc(model.reason)}</tr>`;
    })
    .join('');
  return (
    `<h3>Break-even · ${esc(analysis.workload)} · ${esc(analysis.workers)} workers · sizes ${esc(formatInt(analysis.minSize))}–${esc(formatInt(analysis.maxSize))}</h3>` +
    list(analysis.conclusions) +
    `<figure>${lineChart('Time vs size (log-log): where each model crosses sequential', series, { xLabel: 'size', yLabel: 'median time', logX: true, logY: true, markers, formatX: (v) => formatInt(v), formatY: (v) => formatMs(v) })}</figure>` +
    `<div class="scroll"><table><thead><tr><th>Model</th><th>Verdict</th><th>Crossing size (95% CI)</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

/** The scaling part of a run's section, or null for a plain suite. */
export function scalingSection(record: RunRecord): string | null {
  const analysis = analyzeScaling(record.spec, record.results);
  if (!analysis) return null;
  return analysis.kind === 'sweep' ? sweepSection(analysis) : breakEvenSection(analysis);
}
