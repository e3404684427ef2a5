// Live progress on stderr while a run goes. On a terminal: a redrawn block (overall bar, what runs now,
// one bar per worker). Otherwise: one plain line per finished result, so logs and pipes stay readable.
import type { ModelResult, RunEvent } from '../shared/results.js';
import type { Colors } from './colors.js';
import { describeParams, formatMedianMad, formatMs } from './format.js';

export interface ProgressView {
  onEvent(event: RunEvent): void;
  /** Removes the live block (before the table is printed). */
  stop(): void;
}

const REDRAW_MS = 80;

/** A live block when `fancy`, plain lines otherwise. */
export function createProgressView(stream: NodeJS.WriteStream, fancy: boolean, colors: Colors): ProgressView {
  return fancy ? new LiveProgress(stream, colors) : new PlainProgress(stream, colors);
}

/** One line per finished (case, model): "✓ primes limit 20,000, memo off  worker-pool  12.3 ± 0.4 ms". */
export function resultLine(result: ModelResult, colors: Colors): string {
  const mark =
    result.status === 'ok'
      ? colors.green('✓')
      : result.status === 'cancelled'
        ? colors.yellow('-')
        : colors.red('✗');
  const timing = result.summary ? formatMedianMad(result.summary.medianMs, result.summary.madMs) : '';
  const tail = result.status === 'ok' ? timing : [timing, result.reason].filter(Boolean).join('  ');
  // A sweep's points share their parameters and differ in the worker count, which their case id ends with.
  const model = /:workers=\d+$/.test(result.caseId) ? `${result.model} x${result.workers}` : result.model;
  return `${mark} ${result.workload} (${describeParams(result.params)})  ${model}  ${tail}`.trimEnd();
}

class PlainProgress implements ProgressView {
  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly colors: Colors,
  ) {}

  onEvent(event: RunEvent): void {
    if (event.type === 'plan') {
      const { cases, models, reps, warmup, workers } = event.spec;
      this.stream.write(
        `run ${event.runId}: ${cases.length} case(s) x ${models.length} model(s), ${reps} rep(s) + ${warmup} warm-up, ${workers} workers\n`,
      );
    } else if (event.type === 'result') {
      this.stream.write(resultLine(event.result, this.colors) + '\n');
    } else if (event.type === 'log') {
      this.stream.write(`${event.level}: ${event.message}\n`);
    }
  }

  stop(): void {}
}

class LiveProgress implements ProgressView {
  private total = 0;
  private completed = 0;
  private startedAtMs = Date.now();
  private reps = 0;
  private now: Extract<RunEvent, { type: 'progress' }> | null = null;
  private workers = new Map<number, { done: number; total: number }>();
  private linesDrawn = 0;
  private lastDrawMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly colors: Colors,
  ) {
    // Redraw on a clock too, so the elapsed time moves while one long repetition runs.
    this.timer = setInterval(() => this.draw(), 500);
    this.timer.unref();
  }

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'plan':
        this.total = event.totalSteps;
        this.reps = event.spec.reps;
        this.startedAtMs = Date.now();
        break;
      case 'progress':
        if (event.phase === 'start') this.workers.clear();
        if (event.worker) this.workers.set(event.worker.index, event.worker);
        this.completed = event.completedSteps;
        this.now = event;
        break;
      case 'result':
        this.printAbove(resultLine(event.result, this.colors));
        return;
      case 'log':
        this.printAbove(`${event.level === 'info' ? '' : `${event.level}: `}${event.message}`);
        return;
      case 'done':
        this.completed = this.total;
        break;
    }
    if (Date.now() - this.lastDrawMs >= REDRAW_MS) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.erase();
  }

  private printAbove(line: string): void {
    this.erase();
    this.stream.write(line + '\n');
    this.draw();
  }

  private draw(): void {
    if (this.timer === null) return;
    this.lastDrawMs = Date.now();
    const c = this.colors;
    const width = Math.max(40, (this.stream.columns ?? 100) - 1);
    const fraction = this.total > 0 ? this.completed / this.total : 0;
    const elapsedMs = Date.now() - this.startedAtMs;
    const eta = fraction > 0 && fraction < 1 ? `  eta ${clock((elapsedMs / fraction) * (1 - fraction))}` : '';
    const lines = [
      `${bar(fraction, 30, c)} ${this.completed}/${this.total} steps  ${(fraction * 100).toFixed(0)}%  ${clock(elapsedMs)}${eta}`,
    ];
    const now = this.now;
    if (now) {
      const rep = now.warmup ? 'warm-up' : now.rep === 0 ? 'preparing' : `rep ${now.rep}/${this.reps}`;
      const loop =
        now.eventLoopDelayMs === undefined ? '' : c.dim(`  loop delay p99 ${formatMs(now.eventLoopDelayMs)}`);
      lines.push(`${c.cyan(now.model)}  ${now.caseId}  ${rep}  ${c.dim(now.phase)}${loop}`);
    }
    if (this.workers.size > 0) {
      const cells = [...this.workers.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, w]) => `#${index} ${bar(w.total > 0 ? w.done / w.total : 0, 10, c)}`);
      lines.push(cells.join('  '));
    }
    this.erase();
    this.stream.write(lines.map((line) => truncate(line, width)).join('\n'));
    this.linesDrawn = lines.length;
  }

  private erase(): void {
    if (this.linesDrawn === 0) return;
    let out = '\r\x1b[2K';
    for (let i = 1; i < this.linesDrawn; i++) out += '\x1b[1A\x1b[2K';
    this.stream.write(out);
    this.linesDrawn = 0;
  }
}

function bar(fraction: number, width: number, c: Colors): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return c.green('█'.repeat(filled)) + c.dim('░'.repeat(width - filled));
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Cuts a line to `width` visible characters so it never wraps (a wrapped line would break the redraw). */
function truncate(line: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
  if (visible.length <= width) return line;
  let out = '';
  let count = 0;
  // eslint-disable-next-line no-control-regex
  for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith('\x1b[')) {
      out += part;
      continue;
    }
    const room = width - 1 - count;
    if (room <= 0) continue;
    out += part.slice(0, room);
    count += Math.min(part.length, room);
  }
  return out + '…\x1b[0m';
}
