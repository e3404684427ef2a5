// The two bar charts of a case's results, as Chart.js configurations: median wall time per model (95% CI
// whiskers, linear or log axis) and where each model's median went (start-up, transfer, compute, merge).
import type { ChartConfiguration } from 'chart.js';
import type { breakdown } from './analysis.js';
import { MODEL_COLORS, PART_COLORS, themeColors } from './colors.js';
import { formatMs } from './format.js';
import type { ModelId, ModelResult } from '../../../shared/results.js';

/** A result with a summary, as isOk (src/shared/analysis.ts) narrows it. */
export type OkResult = ModelResult & { summary: NonNullable<ModelResult['summary']> };

// A log axis gets a tick at every 1..9 x 10^k; labelled all, neighbours such as 7 ms and 10 ms collide.
// Only 1 and 3 x 10^k are labelled (about half a decade apart) when at least two such ticks are on the
// axis; the other grid lines stay, unlabelled.
const isOneOrThree = (value: number): boolean => {
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 3) < 1e-6;
};
function logTickLabel(value: number, logAxis: boolean, ticks: Array<{ value: number }>): string {
  if (!logAxis || ticks.filter((t) => isOneOrThree(t.value)).length < 2) return formatMs(value);
  return isOneOrThree(value) ? formatMs(value) : '';
}

export function medianChart(ranked: OkResult[], logAxis: boolean): ChartConfiguration<'bar'> {
  const colors = themeColors();
  return {
    type: 'bar',
    data: {
      labels: ranked.map((r) => r.model),
      datasets: [
        {
          label: 'median wall time',
          data: ranked.map((r) => r.summary.medianMs),
          backgroundColor: ranked.map((r) => MODEL_COLORS[r.model]),
          borderRadius: 3,
          barPercentage: 0.7,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        whiskers: { ranges: ranked.map((r) => r.summary.ci95Ms), color: colors.whisker },
        tooltip: {
          callbacks: {
            label: (item) => {
              const r = ranked[item.dataIndex];
              return `median ${formatMs(r.summary.medianMs)} (95 % CI ${formatMs(r.summary.ci95Ms[0])} – ${formatMs(r.summary.ci95Ms[1])})`;
            },
          },
        },
      },
      scales: {
        x: {
          type: logAxis ? 'logarithmic' : 'linear',
          beginAtZero: !logAxis,
          min: logAxis
            ? Math.min(...ranked.map((r) => Math.max(r.summary.ci95Ms[0], r.summary.medianMs / 4))) * 0.8
            : undefined,
          suggestedMax: Math.max(0, ...ranked.map((r) => r.summary.ci95Ms[1])),
          title: {
            display: true,
            text: `median wall time${logAxis ? ' (log scale)' : ''}, whiskers: 95 % CI`,
            color: colors.text,
          },
          ticks: {
            color: colors.text,
            callback: (v, _i, ticks) => logTickLabel(Number(v), logAxis, ticks),
            maxTicksLimit: 8,
          },
          grid: { color: colors.grid },
        },
        y: { ticks: { color: colors.text, autoSkip: false }, grid: { display: false } },
      },
    },
  };
}

/**
 * Options of a horizontal bar chart with a series per legend entry (stacked or side by side): models down
 * the side, milliseconds along the bottom. The parts chart here and the Compare view's chart share them.
 */
export function seriesBarOptions(xTitle: string, stacked: boolean): ChartConfiguration<'bar'>['options'] {
  const colors = themeColors();
  return {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12, boxHeight: 12 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatMs(Number(item.raw))}` } },
    },
    scales: {
      x: {
        stacked,
        beginAtZero: true,
        title: { display: true, text: xTitle, color: colors.text },
        ticks: { color: colors.text, callback: (v) => formatMs(Number(v)) },
        grid: { color: colors.grid },
      },
      y: { stacked, ticks: { color: colors.text, autoSkip: false }, grid: { display: false } },
    },
  };
}

export function partsChart(
  parts: Array<{ model: ModelId; b: ReturnType<typeof breakdown> }>,
): ChartConfiguration<'bar'> {
  const series: Array<
    [string, keyof typeof PART_COLORS, (b: NonNullable<ReturnType<typeof breakdown>>) => number]
  > = [
    ['start-up (inside wall)', 'startup', (b) => b.startupMs],
    ['transfer', 'transfer', (b) => b.transferMs],
    ['compute (slowest worker)', 'compute', (b) => b.computeMs],
    ['merge', 'merge', (b) => b.mergeMs],
    ['other', 'other', (b) => b.otherMs],
  ];
  return {
    type: 'bar',
    data: {
      labels: parts.map((p) => p.model),
      datasets: series.map(([label, key, pick]) => ({
        label,
        data: parts.map((p) => (p.b ? pick(p.b) : 0)),
        backgroundColor: PART_COLORS[key],
        barPercentage: 0.7,
      })),
    },
    options: seriesBarOptions('where the median wall time went', true),
  };
}
