// Markdown: the article's table (one row per test, one column per model) plus a per-case detail table
// and the facts of the run. Facts only; conclusions are drawn elsewhere.
import type { RunReport } from '../../shared/history.js';
import type { ModelId, ModelResult } from '../../shared/results.js';
import { speedupVsSequential, type Exporter } from './types.js';

function ms(value: number | undefined | null): string {
  if (value === undefined || value === null) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(values: string[]): string {
  return `| ${values.map(cell).join(' | ')} |`;
}

function statusText(result: ModelResult): string {
  if (result.status === 'ok') return ms(result.summary?.medianMs);
  return result.status === 'failed' ? 'failed' : 'cancelled';
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function machineText({ machine }: RunReport): string {
  const cpu = [machine.cpu.manufacturer, machine.cpu.brand].filter(Boolean).join(' ') || 'unknown CPU';
  const os = [machine.os.distro ?? machine.os.platform, machine.os.release].filter(Boolean).join(' ');
  return [
    ...(machine.label ? [machine.label] : []),
    cpu,
    `${machine.cpu.cores ?? '?'} cores / ${machine.cpu.threads} threads`,
    gib(machine.memoryBytes),
    `${os} (${machine.os.arch})`,
  ].join(', ');
}

function render(report: RunReport): string {
  const { machine, spec, results } = report;
  const caseIds = [...new Set(results.map((r) => r.caseId))];
  const models = [...new Set(results.map((r) => r.model))] as ModelId[];
  const find = (caseId: string, model: ModelId) =>
    results.find((r) => r.caseId === caseId && r.model === model);
  const lines: string[] = [];
  lines.push(`# Concurrency Bench run ${report.runId}`, '');
  lines.push(
    `- Suite: ${report.suite}, status: ${report.status}`,
    `- Started: ${report.startedAt}${report.endedAt ? `, ended: ${report.endedAt}` : ''}`,
    `- Machine: ${machineText(report)}`,
    `- Runtime: Node ${machine.runtime.node}, V8 ${machine.runtime.v8}` +
      (machine.runtime.electron ? `, Electron ${machine.runtime.electron}` : '') +
      `; app ${report.appVersion}`,
    `- Settings: ${spec.workers} workers, ${spec.reps} repetitions, ${spec.warmup} warm-up, shuffle seed ${spec.shuffleSeed}`,
  );
  for (const noise of machine.noise) lines.push(`- Noise: ${noise}`);
  lines.push('', '## Median wall time', '');
  lines.push(row(['Test', ...models]), row(['---', ...models.map(() => '---:')]));
  for (const caseId of caseIds) {
    lines.push(
      row([
        caseId,
        ...models.map((m) => {
          const r = find(caseId, m);
          return r ? statusText(r) : '–';
        }),
      ]),
    );
  }
  for (const caseId of caseIds) {
    lines.push('', `## ${cell(caseId)}`, '');
    lines.push(
      row(['Model', 'Workers', 'Median', 'MAD', '95% CI', 'Min', 'Max', 'Speedup', 'Verified', 'Note']),
      row(['---', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---', '---']),
    );
    for (const r of results.filter((x) => x.caseId === caseId)) {
      const s = r.summary;
      const speedup = speedupVsSequential(r, results);
      const verified = r.samples.length > 0 && r.samples.every((x) => x.verification.ok);
      lines.push(
        row([
          r.model,
          String(r.workers),
          r.status === 'ok' ? ms(s?.medianMs) : r.status,
          ms(s?.madMs),
          s ? `${ms(s.ci95Ms[0])} – ${ms(s.ci95Ms[1])}` : '–',
          ms(s?.minMs),
          ms(s?.maxMs),
          speedup === null ? '–' : `${speedup.toFixed(2)}×`,
          verified ? 'yes' : 'no',
          [r.reason, ...r.warnings].filter(Boolean).join('; '),
        ]),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export const markdownExporter: Exporter = { extension: 'md', mediaType: 'text/markdown', render };
