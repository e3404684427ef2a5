// `cbench machine [--json] [--label TEXT]`: what would be recorded about this machine, and its label.
import type { Command } from 'commander';
import type { MachineInfo } from '../../shared/history.js';
import { hasControlCharacters, MAX_LABEL_CHARS } from '../../engine/ipc-schemas.js';
import { collectMachineInfo } from '../../engine/machine.js';
import { colorsFor } from '../colors.js';
import { UsageError } from '../errors.js';
import { formatBytes } from '../format.js';
import { DB_HELP, withHistory } from '../history-access.js';

interface MachineFlags {
  json?: boolean;
  label?: string;
  db?: string;
}

const unknown = 'unknown';

function describe(info: MachineInfo): string {
  const colors = colorsFor(process.stdout);
  const { cpu, os, runtime } = info;
  const cache = (bytes: number | null) => (bytes === null ? unknown : formatBytes(bytes));
  const ghz = (value: number | null) => (value === null ? unknown : `${value} GHz`);
  const rows: Array<[string, string]> = [
    ['Label', info.label ?? colors.dim('(none: set one with --label)')],
    ['Fingerprint', info.fingerprint],
    ['CPU', [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ') || unknown],
    ['Family / model', `${cpu.family ?? unknown} / ${cpu.model ?? unknown}`],
    ['Cores / threads', `${cpu.cores ?? unknown} / ${cpu.threads}`],
    ['Speed base / max', `${ghz(cpu.speedBaseGHz)} / ${ghz(cpu.speedMaxGHz)}`],
    [
      'Cache L1d / L2 / L3',
      `${cache(cpu.cacheL1dBytes)} / ${cache(cpu.cacheL2Bytes)} / ${cache(cpu.cacheL3Bytes)}`,
    ],
    ['Flags', cpu.flags.join(' ') || 'none of interest'],
    ['Governor', cpu.governor ?? unknown],
    ['Virtualization', cpu.virtualization ?? 'none detected'],
    ['Memory', formatBytes(info.memoryBytes)],
    ['OS', `${os.distro ?? os.platform} ${os.release ?? ''} (${os.platform}, ${os.arch})`],
    ['Kernel', os.kernel ?? unknown],
    [
      'Runtime',
      `Node ${runtime.node}, V8 ${runtime.v8}, libuv ${runtime.uv ?? unknown}${runtime.electron ? `, Electron ${runtime.electron}` : ''}`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${colors.bold(k.padEnd(width))}  ${v}`);
  for (const noise of info.noise) lines.push(colors.yellow(`noise: ${noise}`));
  return lines.join('\n');
}

export function registerMachineCommand(program: Command): void {
  program
    .command('machine')
    .description('print what is recorded about this machine; --label names it')
    .option('--label <text>', 'set this machine\'s label ("" clears it)')
    .option('--json', 'print as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (flags: MachineFlags) => {
      const label = flags.label?.trim();
      if (label !== undefined && (label.length > MAX_LABEL_CHARS || hasControlCharacters(label))) {
        throw new UsageError(
          `--label must be at most ${MAX_LABEL_CHARS} characters without control characters`,
        );
      }
      const collected = await collectMachineInfo();
      const info = await withHistory(flags.db, (store): MachineInfo => {
        if (label !== undefined)
          return { ...collected, label: store.setMachineLabel(collected, label).label };
        return { ...collected, label: store.findMachine(collected.fingerprint)?.label ?? null };
      });
      process.stdout.write(flags.json ? `${JSON.stringify(info, null, 2)}\n` : `${describe(info)}\n`);
    });
}
