// Matrix kernels on one core, in GFLOP/s (2 n^3 / seconds): the naive i-k-j loop, the best blocked JavaScript
// kernel (register-blocked 4x4, packed B panels; kept here, out of the engine, because the WebAssembly kernel
// beats it), the engine's tuned WebAssembly SIMD kernel, and ml-matrix. Every product is verified against the
// O(n^2) reference digest. Prints JSON.
// Usage: npm run build:node && [CBENCH_NO_RELAXED_SIMD=1] node bench/matrix-kernels.mjs [--sizes 500,1000,3000] [--ml-max 1000] [--naive-max 3000]
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const matrixModule = path.join(root, 'dist/engine/workloads/matrix.js');
if (!existsSync(matrixModule)) throw new Error(`${matrixModule} is missing: run "npm run build:node" first`);
const { makeMatrices, matrixDigest, matrixReferenceDigest, multiplyMlMatrix, MATRIX_TOLERANCE } =
  await import(pathToFileURL(matrixModule).href);
const { wasmMultiplyRows, wasmKernelBuild } = await import(
  pathToFileURL(path.join(root, 'dist/engine/workloads/matrix-wasm.js')).href
);

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,1000,3000' },
    'ml-max': { type: 'string', default: '1000' },
    'naive-max': { type: 'string', default: '3000' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const mlMax = Number(values['ml-max']);
const naiveMax = Number(values['naive-max']);
for (const n of [...sizes, mlMax, naiveMax]) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`sizes must be positive integers, got ${n}`);
}

function naive(a, b, n) {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ci + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

const KC = 256;
/** Blocked JavaScript: B packed per 256-row block into 4-column panels, 4x4 tiles of C kept in 16 locals. */
function blockedJs(a, b, n) {
  const c = new Float64Array(n * n);
  const panels = Math.ceil(n / 4);
  const pack = new Float64Array(KC * 4 * panels);
  for (let k0 = 0; k0 < n; k0 += KC) {
    const kc = Math.min(KC, n - k0);
    for (let p = 0; p < panels; p++) {
      const j0 = p * 4;
      for (let k = 0; k < kc; k++) {
        const src = (k0 + k) * n + j0;
        const dst = p * kc * 4 + k * 4;
        for (let t = 0; t < 4; t++) pack[dst + t] = j0 + t < n ? b[src + t] : 0;
      }
    }
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const a0 = i * n + k0;
      const a1 = a0 + n;
      const a2 = a1 + n;
      const a3 = a2 + n;
      for (let p = 0; p < panels; p++) {
        const base = p * kc * 4;
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0,
          c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0;
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0,
          c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0;
        for (let k = 0; k < kc; k++) {
          const q = base + k * 4;
          const b0 = pack[q],
            b1 = pack[q + 1],
            b2 = pack[q + 2],
            b3 = pack[q + 3];
          let x = a[a0 + k];
          c00 += x * b0;
          c01 += x * b1;
          c02 += x * b2;
          c03 += x * b3;
          x = a[a1 + k];
          c10 += x * b0;
          c11 += x * b1;
          c12 += x * b2;
          c13 += x * b3;
          x = a[a2 + k];
          c20 += x * b0;
          c21 += x * b1;
          c22 += x * b2;
          c23 += x * b3;
          x = a[a3 + k];
          c30 += x * b0;
          c31 += x * b1;
          c32 += x * b2;
          c33 += x * b3;
        }
        const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        const j0 = p * 4;
        const width = Math.min(4, n - j0);
        for (let r = 0; r < 4; r++) {
          const o = (i + r) * n + j0;
          for (let t = 0; t < width; t++) c[o + t] += tile[r * 4 + t];
        }
      }
    }
    for (; i < n; i++) {
      for (let k = k0; k < k0 + kc; k++) {
        const x = a[i * n + k];
        for (let j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j];
      }
    }
  }
  return c;
}

let lastWasm;
const kernels = {
  naive: { run: naive, max: naiveMax },
  'js-blocked': { run: blockedJs, max: Infinity },
  'wasm-simd': {
    run: (a, b, n) => {
      const c = new Float64Array(n * n);
      lastWasm = wasmMultiplyRows(a, 0, b, n, n, c, 0);
      return c;
    },
    max: Infinity,
  },
  'ml-matrix': { run: (a, b, n) => multiplyMlMatrix(a, b, n, n), max: mlMax },
};

function verify(c, a, b, n, name) {
  const got = matrixDigest(c, n).approx;
  const want = matrixReferenceDigest(a, b, n).approx;
  for (const key of Object.keys(want)) {
    const rel = Math.abs(got[key] - want[key]) / Math.abs(want[key]);
    if (!(rel <= MATRIX_TOLERANCE)) throw new Error(`${name} n=${n}: ${key} ${got[key]} != ${want[key]}`);
  }
}

// Warm every kernel's JIT on a small product first, so the first timed size does not pay for compilation.
const warm = makeMatrices(96, 1);
for (const [name, k] of Object.entries(kernels)) verify(k.run(warm.a, warm.b, 96), warm.a, warm.b, 96, name);

const rows = [];
for (const n of sizes) {
  const { a, b } = makeMatrices(n, n);
  const reps = n <= 1000 ? 3 : 1;
  for (const [name, k] of Object.entries(kernels)) {
    if (n > k.max) {
      rows.push({ kernel: name, n, skipped: `over --${name === 'naive' ? 'naive' : 'ml'}-max ${k.max}` });
      continue;
    }
    let bestMs = Infinity;
    let bestCpuMs = Infinity;
    let breakdown;
    for (let rep = 0; rep < reps; rep++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const c = k.run(a, b, n);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      verify(c, a, b, n, name);
      bestCpuMs = Math.min(bestCpuMs, (cpu.user + cpu.system) / 1000);
      if (ms < bestMs) {
        bestMs = ms;
        if (name === 'wasm-simd') breakdown = lastWasm;
      }
    }
    // CPU time as well as wall time: on a shared machine the wall clock also counts time the core was taken.
    const row = {
      kernel: name,
      n,
      ms: Math.round(bestMs),
      gflops: Number(((2 * n ** 3) / bestMs / 1e6).toFixed(2)),
      cpuMs: Math.round(bestCpuMs),
      gflopsCpu: Number(((2 * n ** 3) / bestCpuMs / 1e6).toFixed(2)),
    };
    if (breakdown) {
      row.packBMs = Math.round(breakdown.packBMs);
      row.copyMs = Math.round(breakdown.copyMs);
      row.computeMs = Math.round(breakdown.computeMs);
    }
    rows.push(row);
    console.error(JSON.stringify(row));
  }
}
console.log(
  JSON.stringify(
    {
      node: process.version,
      // relaxed-simd: fused f64x2.relaxed_madd; simd: f64x2.mul + f64x2.add (CBENCH_NO_RELAXED_SIMD=1 forces it)
      wasmBuild: wasmKernelBuild(),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      reps: 'best of 3 up to n=1000, 1 above',
      results: rows,
    },
    null,
    2,
  ),
);
