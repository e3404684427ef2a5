// Charts for the HTML report, drawn as inline SVG strings at export time: nothing in the file needs a script
// to be read. Colours of marks come from src/shared/colors.ts; text and grid take the page's theme through
// CSS classes (.t, .g), so one SVG reads in light and dark mode and prints on white.
import { formatMs } from '../../shared/format.js';

/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const WIDTH = 720;
const LABEL_W = 150;
const VALUE_W = 136;
const ROW_H = 26;
const AXIS_H = 26;
const PLOT_W = WIDTH - LABEL_W - VALUE_W;

/** Whole pixels in a 720-wide viewBox: short files, no visible difference. */
const r = (n: number): string => Math.round(n).toString();

/** One <path> drawing many rectangles of one colour: a report of 50 runs carries hundreds of charts. */
class RectPaths {
  private readonly byFill = new Map<string, string[]>();
  add(fill: string, x: number, y: number, w: number, h: number): void {
    const list = this.byFill.get(fill) ?? [];
    list.push(`M${r(x)} ${r(y)}h${r(w)}v${r(h)}h${r(-w)}z`);
    this.byFill.set(fill, list);
  }
  /** The paths; with `className`, one path styled by the page (the fill given to add() is ignored). */
  toString(className?: string): string {
    if (className) {
      const d = [...this.byFill.values()].flat().join('');
      return d ? `<path class="${className}" d="${d}"/>` : '';
    }
    return [...this.byFill].map(([fill, d]) => `<path fill="${esc(fill)}" d="${d.join('')}"/>`).join('');
  }
}

/** An axis label in ms: a plain 0 at the origin. */
const tickMs = (v: number): string => (v === 0 ? '0' : formatMs(v));

/** About five round tick values from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(v);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

export interface BarRow {
  label: string;
  color: string;
  /** Median in ms; null when there is nothing to draw (failed, cancelled). */
  medianMs: number | null;
  ci?: [number, number];
  /** Shown right of the bar: the value, or why there is none. */
  note: string;
  /** Marks the row as failed (drawn with a hatched placeholder and the note). */
  failed?: boolean;
}

function frame(height: number, title: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(title)}">${body}</svg>`;
}

function axis(
  ticks: number[],
  scale: (v: number) => number,
  top: number,
  bottom: number,
  unit: (v: number) => string,
): string {
  const grid = ticks.map((tick) => `M${r(LABEL_W + scale(tick))} ${top}V${bottom}`).join('');
  const labels = ticks
    .map((tick) => `<text x="${r(LABEL_W + scale(tick))}" y="${bottom + 16}">${esc(unit(tick))}</text>`)
    .join('');
  return `<path class="g" d="${grid}"/><g class="t" text-anchor="middle">${labels}</g>`;
}

/** Horizontal bars of medians with 95% CI whiskers, one row per model. */
export function barChart(title: string, rows: BarRow[]): string {
  const max = Math.max(
    0,
    ...rows.flatMap((row) => (row.medianMs === null ? [] : [row.ci?.[1] ?? row.medianMs, row.medianMs])),
  );
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const scale = (v: number): number => (v / top) * PLOT_W;
  const height = rows.length * ROW_H + AXIS_H + 8;
  const plotBottom = rows.length * ROW_H + 4;
  const bars = new RectPaths();
  const missing = { fail: new RectPaths(), none: new RectPaths() };
  let whiskers = '';
  let labels = '';
  let values = '';
  rows.forEach((row, i) => {
    const y = i * ROW_H + 4;
    const mid = y + ROW_H / 2 - 2;
    labels += `<text x="${LABEL_W - 8}" y="${r(mid + 4)}">${esc(row.label)}</text>`;
    if (row.medianMs !== null) {
      bars.add(row.color, LABEL_W, y + 3, Math.max(1, scale(row.medianMs)), ROW_H - 10);
      if (row.ci) {
        const [lo, hi] = row.ci.map((v) => LABEL_W + scale(v));
        whiskers += `M${r(lo)} ${r(mid)}H${r(hi)}M${r(lo)} ${r(mid - 5)}v10M${r(hi)} ${r(mid - 5)}v10`;
      }
    } else {
      missing[row.failed ? 'fail' : 'none'].add('', LABEL_W, y + 3, PLOT_W, ROW_H - 10);
    }
    values += `<text x="${WIDTH - VALUE_W + 8}" y="${r(mid + 4)}"${row.failed ? ' class="bad"' : ''}>${esc(row.note)}</text>`;
  });
  const body =
    axis(ticks, scale, 0, plotBottom, tickMs) +
    bars.toString() +
    missing.fail.toString('fail') +
    missing.none.toString('none') +
    (whiskers ? `<path class="w" d="${whiskers}"/>` : '') +
    `<g class="t l" text-anchor="end">${labels}</g><g class="t">${values}</g>`;
  return frame(height, title, body);
}

export interface StackRow {
  label: string;
  parts: Array<{ name: string; ms: number; color: string }>;
}

/** Horizontal stacked bars: where each model's median wall time went. */
export function stackChart(title: string, rows: StackRow[]): string {
  const totals = rows.map((row) => row.parts.reduce((sum, part) => sum + Math.max(0, part.ms), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1] || 1;
  const scale = (v: number): number => (v / top) * PLOT_W;
  const legendH = 22;
  const plotBottom = rows.length * ROW_H + 4;
  const height = plotBottom + AXIS_H + legendH;
  const bars = new RectPaths();
  let labels = '';
  let values = '';
  rows.forEach((row, i) => {
    const y = i * ROW_H + 4;
    let x = LABEL_W;
    labels += `<text x="${LABEL_W - 8}" y="${r(y + ROW_H / 2 + 2)}">${esc(row.label)}</text>`;
    for (const part of row.parts) {
      const w = scale(Math.max(0, part.ms));
      if (w <= 0) continue;
      bars.add(part.color, x, y + 3, w, ROW_H - 10);
      x += w;
    }
    values += `<text x="${WIDTH - VALUE_W + 8}" y="${r(y + ROW_H / 2 + 2)}">${esc(formatMs(totals[i]))}</text>`;
  });
  const legendY = plotBottom + AXIS_H + 12;
  let legend = '';
  (rows[0]?.parts ?? []).forEach((part, i) => {
    const x = LABEL_W + i * 110;
    bars.add(part.color, x, legendY - 9, 10, 10);
    legend += `<text x="${x + 14}" y="${legendY}">${esc(part.name)}</text>`;
  });
  const body =
    axis(ticks, scale, 0, plotBottom, tickMs) +
    bars.toString() +
    `<g class="t l" text-anchor="end">${labels}</g><g class="t">${values}${legend}</g>`;
  return frame(height, title, body);
}

export interface LineSeries {
  label: string;
  color: string;
  points: Array<{ x: number; y: number; lo?: number; hi?: number }>;
  /** Drawn dashed (e.g. the ideal speed-up). */
  dashed?: boolean;
}

export interface LineChartOptions {
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Vertical markers, e.g. a break-even size or the core count. */
  markers?: Array<{ x: number; label: string }>;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
}

/** Lines with CI bands over a numeric x axis (linear or log), with a legend: scaling and break-even charts. */
export function lineChart(title: string, series: LineSeries[], options: LineChartOptions): string {
  const left = 64;
  const right = 30;
  const topPad = 12;
  const plotH = 240;
  const legendRows = Math.ceil(series.length / 4);
  const height = topPad + plotH + 44 + legendRows * 18;
  const plotW = WIDTH - left - right;
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x).concat((options.markers ?? []).map((m) => m.x));
  const ys = all.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]).filter((v) => Number.isFinite(v));
  const fx = options.formatX ?? ((v: number) => String(v));
  const fy = options.formatY ?? ((v: number) => String(v));
  const span = (values: number[], log: boolean | undefined): [number, number] => {
    const positive = log ? values.filter((v) => v > 0) : values;
    let lo = Math.min(...positive);
    let hi = Math.max(...positive);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return log ? [1, 10] : [0, 1];
    if (!log) lo = Math.min(0, lo);
    if (hi === lo) hi = log ? lo * 10 : lo + 1;
    if (log) {
      // Out to the 1-2-5 values around the data, so that both ends of a log axis carry a tick.
      const steps = (e: number): number[] => [1, 2, 5].map((m) => m * 10 ** e);
      lo = Math.max(...steps(Math.floor(Math.log10(lo))).filter((v) => v <= lo * 1.0001));
      hi = Math.min(
        ...[...steps(Math.floor(Math.log10(hi))), 10 ** Math.ceil(Math.log10(hi))].filter(
          (v) => v >= hi * 0.9999,
        ),
      );
    }
    return [lo, hi];
  };
  const [x0, x1] = span(xs, options.logX);
  const [y0, y1] = span(ys, options.logY);
  const tx = (v: number): number =>
    left + (options.logX ? Math.log(v / x0) / Math.log(x1 / x0) : (v - x0) / (x1 - x0)) * plotW;
  const ty = (v: number): number =>
    topPad + plotH - (options.logY ? Math.log(v / y0) / Math.log(y1 / y0) : (v - y0) / (y1 - y0)) * plotH;
  const ticks = (lo: number, hi: number, log: boolean | undefined): number[] => {
    if (!log) return niceTicks(hi).filter((t) => t >= lo && t <= hi * 1.0001);
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
      }
    }
    return out.length >= 2 ? out : [lo, hi];
  };
  let body = '';
  for (const t of ticks(y0, y1, options.logY)) {
    body += `<line class="g" x1="${left}" y1="${r(ty(t))}" x2="${WIDTH - right}" y2="${r(ty(t))}"/>`;
    body += `<text class="t" x="${left - 6}" y="${r(ty(t) + 4)}" text-anchor="end">${esc(fy(t))}</text>`;
  }
  const xTicks = options.logX ? ticks(x0, x1, true) : [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  for (const t of xTicks) {
    body += `<text class="t" x="${r(tx(t))}" y="${topPad + plotH + 16}" text-anchor="middle">${esc(fx(t))}</text>`;
  }
  body += `<line class="a" x1="${left}" y1="${topPad + plotH}" x2="${WIDTH - right}" y2="${topPad + plotH}"/>`;
  body += `<text class="t" x="${left + plotW / 2}" y="${topPad + plotH + 34}" text-anchor="middle">${esc(options.xLabel)}</text>`;
  body += `<text class="t" x="12" y="${topPad + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${topPad + plotH / 2})">${esc(options.yLabel)}</text>`;
  for (const [i, marker] of (options.markers ?? []).entries()) {
    const x = tx(marker.x);
    body += `<line class="m" x1="${r(x)}" y1="${topPad}" x2="${r(x)}" y2="${topPad + plotH}"/>`;
    // The label goes on the side with room: right of the line in the left half, left of it in the right half.
    const right = x < left + plotW / 2;
    body += `<text class="t" x="${r(right ? x + 4 : x - 4)}" y="${topPad + 10 + (i % 4) * 13}"${right ? '' : ' text-anchor="end"'}>${esc(marker.label)}</text>`;
  }
  for (const s of series) {
    const pts = s.points.filter(
      (p) => Number.isFinite(p.y) && (!options.logY || p.y > 0) && (!options.logX || p.x > 0),
    );
    const banded = pts.filter((p) => p.lo !== undefined && p.hi !== undefined);
    if (banded.length >= 2) {
      const upper = banded.map((p) => `${r(tx(p.x))},${r(ty(p.hi!))}`);
      const lower = banded
        .map((p) => `${r(tx(p.x))},${r(ty(Math.max(p.lo!, options.logY ? y0 : p.lo!)))}`)
        .reverse();
      body += `<polygon points="${[...upper, ...lower].join(' ')}" fill="${esc(s.color)}" fill-opacity="0.15"/>`;
    }
    if (pts.length >= 2) {
      body += `<polyline points="${pts.map((p) => `${r(tx(p.x))},${r(ty(p.y))}`).join(' ')}" fill="none" stroke="${esc(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`;
    }
    if (!s.dashed) {
      for (const p of pts)
        body += `<circle cx="${r(tx(p.x))}" cy="${r(ty(p.y))}" r="3" fill="${esc(s.color)}"/>`;
    }
  }
  series.forEach((s, i) => {
    const x = left + (i % 4) * 160;
    const y = topPad + plotH + 52 + Math.floor(i / 4) * 18;
    body +=
      `<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${esc(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>` +
      `<text class="t" x="${x + 24}" y="${y}">${esc(s.label)}</text>`;
  });
  return frame(height, title, body);
}
