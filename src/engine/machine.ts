// What is recorded about the machine a run ran on. Anything the OS does not expose is null (unknown):
// a 0 GHz clock or a 0-byte cache would be read as a measurement, and compared.
import { createHash } from 'node:crypto';
import os from 'node:os';
import si from 'systeminformation';
import type { MachineInfo } from '../shared/history.js';

/** CPU flags that change how the kernels run (SIMD width, FMA, crypto/hash units). */
const RELEVANT_FLAGS = [
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'avx512f',
  'avx512bw',
  'avx512vl',
  'avx512_vnni',
  'bmi2',
  'aes',
  'sha_ni',
  'neon',
  'asimd',
  'sve',
];

const unknownText = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim();
  return trimmed && trimmed !== '-' && trimmed !== 'unknown' ? trimmed : null;
};
const unknownNumber = (value: number | undefined | null): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

export interface NoiseInputs {
  loadAverage1m: number;
  threads: number;
  virtualization: string | null;
  governor: string | null;
  onBattery: boolean;
}

/** Conditions that make timings noisy, each as a sentence naming the number behind it. */
export function noiseWarnings(input: NoiseInputs): string[] {
  const warnings: string[] = [];
  if (input.loadAverage1m > input.threads * 0.5) {
    warnings.push(
      `load average ${input.loadAverage1m.toFixed(2)} on ${input.threads} hardware threads: other work competes for the CPU`,
    );
  }
  if (input.virtualization) {
    warnings.push(
      `running under a hypervisor (${input.virtualization}): timings vary more than on bare metal`,
    );
  }
  if (input.governor && input.governor !== 'performance') {
    warnings.push(`CPU frequency governor is "${input.governor}", not "performance"`);
  }
  if (input.onBattery) warnings.push('running on battery power: the CPU may be throttled');
  return warnings;
}

/** Stable identity: hardware and OS install, never the label or runtime versions (those change freely). */
export function machineFingerprint(parts: {
  hostname: string;
  osId: string | null;
  info: Pick<MachineInfo, 'cpu' | 'memoryBytes' | 'os'>;
}): string {
  const { cpu, memoryBytes, os: osInfo } = parts.info;
  const identity = [
    parts.hostname,
    parts.osId,
    cpu.manufacturer,
    cpu.brand,
    cpu.family,
    cpu.model,
    cpu.cores,
    cpu.threads,
    memoryBytes,
    osInfo.platform,
    osInfo.arch,
    osInfo.distro,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

/** Collects the machine's identity, capabilities, runtime versions and current noise sources. */
export async function collectMachineInfo(
  options: { electronVersion?: string | null } = {},
): Promise<MachineInfo> {
  const [cpu, flagText, mem, osInfo, uuid, system, battery] = await Promise.all([
    si.cpu(),
    si.cpuFlags(),
    si.mem(),
    si.osInfo(),
    si.uuid().catch(() => null),
    si.system().catch(() => null),
    si.battery().catch(() => null),
  ]);
  const flags = new Set(flagText.split(/\s+/).filter(Boolean));
  const threads = unknownNumber(cpu.cores) ?? os.cpus().length;
  const hypervisor = flags.has('hypervisor') || system?.virtual === true || cpu.virtualization === true;
  const virtualization = hypervisor ? (unknownText(system?.virtualHost) ?? 'hypervisor') : null;
  const governor = unknownText(cpu.governor);
  const info: Omit<MachineInfo, 'fingerprint'> = {
    label: null,
    cpu: {
      manufacturer: unknownText(cpu.manufacturer),
      brand: unknownText(cpu.brand) ?? unknownText(os.cpus()[0]?.model),
      vendor: unknownText(cpu.vendor),
      family: unknownText(cpu.family),
      model: unknownText(cpu.model),
      cores: unknownNumber(cpu.physicalCores),
      threads,
      speedBaseGHz: unknownNumber(cpu.speed),
      speedMaxGHz: unknownNumber(cpu.speedMax),
      cacheL1dBytes: unknownNumber(cpu.cache?.l1d),
      cacheL2Bytes: unknownNumber(cpu.cache?.l2),
      cacheL3Bytes: unknownNumber(cpu.cache?.l3),
      flags: RELEVANT_FLAGS.filter((f) => flags.has(f)),
      governor,
      virtualization,
    },
    memoryBytes: mem.total,
    os: {
      platform: osInfo.platform || process.platform,
      distro: unknownText(osInfo.distro),
      release: unknownText(osInfo.release),
      kernel: unknownText(osInfo.kernel),
      arch: osInfo.arch || process.arch,
    },
    runtime: {
      node: process.versions.node,
      v8: process.versions.v8,
      electron: options.electronVersion ?? (process.versions as { electron?: string }).electron ?? null,
      uv: process.versions.uv ?? null,
    },
    noise: noiseWarnings({
      loadAverage1m: os.loadavg()[0],
      threads,
      virtualization,
      governor,
      onBattery: battery?.hasBattery === true && battery.acConnected === false,
    }),
  };
  const fingerprint = machineFingerprint({
    hostname: os.hostname(),
    osId: unknownText(uuid?.os),
    info,
  });
  return { fingerprint, ...info };
}
