// One self-contained HTML file for runs and their comparison: styles inline (allowed by a hash in the
// file's own CSP), charts as inline SVG drawn now, no script to run and nothing fetched. The runs' bundle is
// embedded as a JSON data block, so `cbench import report.html` brings them back: a report is also a bundle.
// Every string that comes from the history goes through esc().
import { createHash } from 'node:crypto';
import { breakdown, concludeCase, concludeRun, groupByCase, isOk } from '../../shared/analysis.js';
import { MODEL_COLORS, PART_COLORS, RUN_COLORS } from '../../shared/colors.js';
import {
  describeCase,
  formatBytes,
  formatDate,
  formatMs,
  formatPct,
  formatRatio,
  shortId,
} from '../../shared/format.js';
import type { Bundle, Comparison, MachineInfo, RunRecord } from '../../shared/history.js';
import type { ModelResult } from '../../shared/results.js';
import { speedupVsSequential } from '../../shared/speedup.js';
import { embedBundle } from './bundle-block.js';
import { scalingSection } from './scaling-section.js';
import { barChart, esc, stackChart } from './svg.js';

export interface ReportInput {
  records: RunRecord[];
  /** The comparison of the records, when there are two or more. */
  comparison: Comparison | null;
  /** What `cbench import` reads back: the records as an export bundle. */
  bundle: Bundle;
  appVersion: string;
  generatedAt: string;
  /** Further sections, already rendered (e.g. a sweep's charts), placed after the runs. */
  sections?: string[];
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#16181d;--muted:#5b6270;--border:#d9dde4;--raised:#f6f7f9;
--ok:#116d3b;--bad:#a61b1b;--warn:#8a5a00;--warn-bg:#fdf1d3}
@media (prefers-color-scheme:dark){:root{--bg:#101216;--fg:#e7e9ee;--muted:#a0a7b4;--border:#2c313a;
--raised:#181b21;--ok:#7ee2a8;--bad:#ffaaa5;--warn:#f6cf6b;--warn-bg:#3a2c0a}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1rem;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .4rem;border-bottom:1px solid var(--border)}
h3{font-size:1rem;margin:1.4rem 0 .3rem}
.muted,.note{color:var(--muted)}.note{font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.4rem 0}
th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid var(--border);vertical-align:top}
th{font-weight:600;background:var(--raised)}
td.n,.res td:nth-child(n+2):nth-child(-n+6){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{background:var(--warn-bg);color:var(--warn);padding:.4rem .6rem;border-radius:6px}
ul{padding-left:1.2rem}li{margin:.15rem 0}
figure{margin:.6rem 0;break-inside:avoid;page-break-inside:avoid}
svg.chart{width:100%;height:auto;display:block;font-size:12px}
svg .t{fill:var(--muted)}svg .l{fill:var(--fg)}svg .bad{fill:var(--bad)}
svg .g{stroke:var(--border);stroke-width:1}svg .a{stroke:var(--muted);stroke-width:1}
svg .w{stroke:var(--fg);stroke-width:1.5}svg .m{stroke:var(--muted);stroke-dasharray:3 3}
svg .fail{fill:var(--bad);fill-opacity:.12}svg .none{fill:var(--border);fill-opacity:.4}
section.case{break-inside:auto}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}a{color:inherit}}
@media (max-width:640px){body{padding:.6rem;font-size:14px}th,td{padding:.2rem}}
`;

function csp(): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  return `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

function machineRows(machine: MachineInfo): Array<[string, string]> {
  const cpu = machine.cpu;
  const os = machine.os;
  const rt = machine.runtime;
  return [
    [
      'CPU',
      [cpu.brand ?? cpu.manufacturer ?? 'unknown', cpu.virtualization ? `(${cpu.virtualization})` : '']
        .join(' ')
        .trim(),
    ],
    ['Cores / threads', `${cpu.cores ?? '?'} / ${cpu.threads}`],
    ['Memory', formatBytes(machine.memoryBytes)],
    ['OS', [os.distro ?? os.platform, os.release, os.arch].filter(Boolean).join(' ')],
    ['Kernel', os.kernel ?? '–'],
    ['Node / V8 / libuv', `${rt.node} / ${rt.v8} / ${rt.uv ?? '–'}`],
    ['Electron', rt.electron ?? '– (Node)'],
    ['Noise when recorded', machine.noise.length ? machine.noise.join('; ') : 'none detected'],
  ];
}

function machinesSection(records: RunRecord[]): string {
  const machines = new Map<string, RunRecord['machine']>();
  for (const record of records) machines.set(record.machine.fingerprint, record.machine);
  const blocks = [...machines.values()].map((machine) => {
    const name = machine.label ?? machine.cpu.brand ?? machine.fingerprint.slice(0, 8);
    const rows = machineRows(machine)
      .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
      .join('');
    return `<h3>${esc(name)} <span class="muted">· ${esc(machine.fingerprint.slice(0, 12))}</span></h3><table>${rows}</table>`;
  });
  return `<section><h2>Machine${machines.size === 1 ? '' : 's'}</h2>${blocks.join('')}</section>`;
}

/** The verification cell: its class and its text. */
function verifiedMark(result: ModelResult): [string, string] {
  if (result.status === 'failed') return ['bad', '✗ failed'];
  if (result.status === 'cancelled') return ['muted', 'cancelled'];
  const all = result.samples.length > 0 && result.samples.every((s) => s.verification.ok);
  return all ? ['ok', '✓ verified'] : ['bad', '✗ not verified'];
}

function resultsTable(results: ModelResult[]): string {
  const rows = results
    .map((result) => {
      const s = result.summary;
      const speedup = speedupVsSequential(result, results);
      const b = breakdown(result);
      const startup = result.startupMs ?? (b ? b.startupMs + b.startupOutsideMs : null);
      const mark = verifiedMark(result);
      return (
        `<tr><td>${esc(result.model)}<td>${esc(result.workers)}` +
        `<td>${s ? `${esc(formatMs(s.medianMs))} ± ${esc(formatMs(s.madMs))}` : '–'}` +
        `<td>${s ? `${esc(formatMs(s.ci95Ms[0]))}–${esc(formatMs(s.ci95Ms[1]))}` : '–'}` +
        `<td>${esc(formatRatio(speedup))}<td>${esc(formatMs(startup))}` +
        `<td class="${mark[0]}">${mark[1]}${result.reason ? `<div class="note">${esc(result.reason)}</div>` : ''}</tr>`
      );
    })
    .join('');
  return (
    '<div class="scroll"><table class="res"><thead><tr><th>Model</th><th>Workers</th><th>Median ± MAD</th><th>95% CI</th>' +
    `<th>vs sequential</th><th>Start-up</th><th>Verified</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function caseSection(caseId: string, results: ModelResult[]): string {
  const title = describeCase({ id: caseId, params: results[0].params });
  const bars = barChart(
    `${title}: median wall time with 95% CI`,
    results.map((result) => ({
      label: result.model,
      color: MODEL_COLORS[result.model] ?? '#888',
      medianMs: isOk(result) ? result.summary.medianMs : null,
      ci: isOk(result) ? result.summary.ci95Ms : undefined,
      note: isOk(result)
        ? `${formatMs(result.summary.medianMs)}${result.model === 'sequential' ? '' : ` · ${formatRatio(speedupVsSequential(result, results))}`}`
        : result.status,
      failed: result.status === 'failed',
    })),
  );
  const parts = results
    .map((result) => ({ result, b: breakdown(result) }))
    .filter((entry) => entry.b !== null && entry.result.status !== 'failed');
  const stack = parts.length
    ? stackChart(
        `${title}: where the wall time went (median per part)`,
        parts.map(({ result, b }) => ({
          label: result.model,
          parts: [
            { name: 'start-up', ms: b!.startupMs, color: PART_COLORS.startup },
            { name: 'transfer', ms: b!.transferMs, color: PART_COLORS.transfer },
            { name: 'compute', ms: b!.computeMs, color: PART_COLORS.compute },
            { name: 'merge', ms: b!.mergeMs, color: PART_COLORS.merge },
            { name: 'other', ms: b!.otherMs, color: PART_COLORS.other },
          ],
        })),
      )
    : '';
  const conclusions = concludeCase(results);
  const warnings = [...new Set(results.flatMap((r) => r.warnings.map((w) => `${r.model}: ${w}`)))];
  return (
    `<section class="case"><h3>${esc(title)}</h3>` +
    (conclusions.length ? `<ul>${conclusions.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>` : '') +
    `<figure>${bars}</figure>${resultsTable(results)}` +
    (stack
      ? `<figure>${stack}<figcaption class="note">Where the median wall time went. Start-up is shown where it is inside the wall time; compute is the slowest worker's; transfer is summed over tasks that overlap in time, so a bar can run past the wall time.</figcaption></figure>`
      : '') +
    (warnings.length
      ? `<details><summary class="note">${warnings.length} note${warnings.length === 1 ? '' : 's'}</summary><ul class="note">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></details>`
      : '') +
    '</section>'
  );
}

function runSection(record: RunRecord): string {
  const spec = record.spec;
  const machine = record.machine.label ?? record.machine.cpu.brand ?? record.machine.fingerprint.slice(0, 8);
  const overall = concludeRun(record.results);
  const scaling = scalingSection(record);
  const params =
    `suite <strong>${esc(spec.suite)}</strong> · ${esc(spec.reps)} repetitions, ${esc(spec.warmup)} warm-up · ` +
    `${esc(spec.workers)} workers · models ${esc(spec.models.join(', '))} · shuffle seed ${esc(spec.shuffleSeed)}`;
  return (
    `<section><h2>Run ${esc(shortId(record.id))} <span class="muted">· ${esc(record.status)} · ${esc(formatDate(record.startedAt))} · ${esc(machine)}</span></h2>` +
    `<p class="note">${params}<br>run id <code>${esc(record.id)}</code> · app ${esc(record.appVersion)} · Node ${esc(record.nodeVersion)}${record.electronVersion ? ` · Electron ${esc(record.electronVersion)}` : ''}</p>` +
    // A sweep or a search is read through its analysis; its points are not cases of their own.
    (scaling ??
      (overall ? `<p>${esc(overall)}</p>` : '') +
        groupByCase(record.results)
          .map((group) => caseSection(group.caseId, group.results))
          .join('')) +
    '</section>'
  );
}

function comparisonSection(comparison: Comparison, records: RunRecord[]): string {
  const label = (runId: string): string => {
    const record = records.find((r) => r.id === runId);
    const machine = record?.machine.label ?? record?.machine.cpu.brand ?? '';
    return `${shortId(runId)}${machine ? ` (${machine})` : ''}`;
  };
  const head = comparison.runs
    .map((run, i) => `<th>${esc(label(run.id))}${i === 0 ? ' <span class="muted">baseline</span>' : ''}</th>`)
    .join('');
  const rows = comparison.rows
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => {
          if (!cell) return '<td class="muted">–</td>';
          if (cell.medianMs === null) return `<td class="muted">${esc(cell.status ?? '–')}</td>`;
          let text = esc(formatMs(cell.medianMs));
          if (i > 0 && cell.relativePct !== null) {
            const cls = cell.significant ? (cell.relativePct < 0 ? 'ok' : 'bad') : 'muted';
            text += ` <span class="${cls}">${esc(formatPct(cell.relativePct))}</span>`;
            text += cell.significant
              ? ` <span class="note">significant (p=${esc(cell.pValue?.toPrecision(2) ?? '?')})</span>`
              : ` <span class="note">${esc(cell.note ?? `not significant${cell.pValue !== null ? ` (p=${cell.pValue.toPrecision(2)})` : ''}`)}</span>`;
          }
          return `<td class="n">${text}</td>`;
        })
        .join('');
      return `<tr><td>${esc(row.caseId)}</td><td>${esc(row.model)}</td>${cells}</tr>`;
    })
    .join('');
  const warnings = comparison.warnings.length
    ? `<p class="warn">${comparison.warnings.map(esc).join('<br>')}</p>`
    : '';
  const colors = comparison.runs.map((_, i) => RUN_COLORS[i % RUN_COLORS.length]);
  return (
    `<section><h2>Comparison</h2>${warnings}<p class="note">Relative to the first run; a difference counts as ` +
    `significant at p &lt; 0.05 (Mann-Whitney U) and at least ${esc(comparison.minEffectPct)} %. ` +
    `Run colours: ${comparison.runs.map((run, i) => `<span class="muted">${esc(shortId(run.id))}</span> <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${esc(colors[i])}"/></svg>`).join(' ')}</p>` +
    `<div class="scroll"><table><thead><tr><th>Case</th><th>Model</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

/** The whole report as one HTML document. */
export function renderReport(input: ReportInput): string {
  const { records } = input;
  const title =
    records.length === 1
      ? `Concurrency Bench: run ${shortId(records[0].id)}`
      : `Concurrency Bench: ${records.length} runs`;
  const machineCount = new Set(records.map((r) => r.machine.fingerprint)).size;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp())}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Concurrency Bench">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<header><h1>${esc(title)}</h1><p class="muted">${esc(records.length)} run${records.length === 1 ? '' : 's'} on ${esc(machineCount)} machine${machineCount === 1 ? '' : 's'} · generated ${esc(formatDate(input.generatedAt))} by Concurrency Bench ${esc(input.appVersion)}. Every result was verified against an independent reference; a wrong answer is marked failed, however fast it was.</p></header>`,
    machinesSection(records),
    ...records.map(runSection),
    input.comparison ? comparisonSection(input.comparison, records) : '',
    ...(input.sections ?? []),
    '<footer><p class="note">This file carries its runs: <code>cbench import this-file.html</code> (or dropping it on the History view) adds them to a history.</p></footer>',
    embedBundle(input.bundle),
    '</body></html>',
    '',
  ].join('\n');
}
