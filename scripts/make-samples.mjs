// Generates the bundled sample images (resources/samples) deterministically: photo-like JPEG landscapes at the
// article's sizes, drawn from a seeded generator (sky gradient, sun, hills, textured ground, trees, sensor
// noise) so decoding them is a fair workload, while each file stays small enough to ship in the repository.
// Usage: npm run samples [-- --out DIR]
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { out: { type: 'string', default: path.join(root, 'resources/samples') } },
});

/** The article's four photos: 1280x720, 1920x1080 and two different 3840x2160. */
const SAMPLES = [
  { name: 'sample-1280x720.jpg', width: 1280, height: 720, seed: 11 },
  { name: 'sample-1920x1080.jpg', width: 1920, height: 1080, seed: 23 },
  { name: 'sample-3840x2160-a.jpg', width: 3840, height: 2160, seed: 37 },
  { name: 'sample-3840x2160-b.jpg', width: 3840, height: 2160, seed: 53 },
];
// 90 keeps some of a camera JPEG's entropy-decoding work while each file stays under 1.5 MB.
const JPEG_QUALITY = 90;

/** mulberry32, as in src/engine/workloads/matrix.ts: the same seed gives the same picture on every machine. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smooth value noise in [0, 1): random values on a grid of `cell` pixels, interpolated with smoothstep. */
function valueNoise(random, width, height, cell) {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh).map(() => random());
  return (x, y) => {
    const gx = x / cell;
    const gy = y / cell;
    const ix = Math.floor(gx);
    const iy = Math.floor(gy);
    const fx = gx - ix;
    const fy = gy - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const i = iy * gw + ix;
    const top = grid[i] + (grid[i + 1] - grid[i]) * sx;
    const bottom = grid[i + gw] + (grid[i + gw + 1] - grid[i + gw]) * sx;
    return top + (bottom - top) * sy;
  };
}

const mix = (a, b, t) => a + (b - a) * t;
const clamp = (v) => (v < 0 ? 0 : v > 255 ? 255 : v);

function drawLandscape({ width, height, seed }) {
  const random = seededRandom(seed);
  const scale = width / 1920;
  const skyTop = [40 + random() * 40, 80 + random() * 60, 150 + random() * 80];
  const skyHorizon = [200 + random() * 50, 170 + random() * 60, 140 + random() * 80];
  const sun = { x: width * (0.15 + random() * 0.7), y: height * (0.12 + random() * 0.25), r: 60 * scale };
  const clouds = valueNoise(random, width, height, 220 * scale);
  const texture = valueNoise(random, width, height, 24 * scale);
  const fine = valueNoise(random, width, height, 5 * scale);
  // Three hill ridges, back to front, each a sum of sines with seeded phases and a darker, greener colour.
  const ridges = [0, 1, 2].map((layer) => ({
    base: height * (0.45 + layer * 0.12),
    waves: [1, 2.3, 5.1].map((f) => ({
      amp: (height * 0.06) / f,
      freq: ((f * Math.PI * 2) / width) * (1 + random()),
      phase: random() * Math.PI * 2,
    })),
    colour: [
      60 - layer * 15 + random() * 30,
      100 - layer * 10 + random() * 40,
      50 + random() * 30 - layer * 10,
    ],
  }));
  const trees = Array.from({ length: 40 }, () => ({
    x: random() * width,
    y: height * (0.7 + random() * 0.3),
    rx: (12 + random() * 30) * scale,
    ry: (30 + random() * 70) * scale,
    shade: 0.4 + random() * 0.4,
  }));

  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let colour;
      let layerHit = -1;
      for (let l = ridges.length - 1; l >= 0; l--) {
        const r = ridges[l];
        let top = r.base;
        for (const w of r.waves) top += w.amp * Math.sin(x * w.freq + w.phase);
        if (y >= top) {
          layerHit = l;
          break;
        }
      }
      if (layerHit < 0) {
        const t = y / height;
        colour = skyTop.map((c, i) => mix(c, skyHorizon[i], Math.min(1, t * 1.6)));
        const cloud = Math.max(0, clouds(x, y) - 0.55) * 2.2;
        colour = colour.map((c) => mix(c, 245, cloud));
        const d = Math.hypot(x - sun.x, y - sun.y);
        const glow = d < sun.r ? 1 : Math.exp(-(d - sun.r) / (sun.r * 1.5)) * 0.6;
        colour = colour.map((c, i) => mix(c, [255, 240, 200][i], glow));
      } else {
        const shade = 0.75 + texture(x, y) * 0.35 + fine(x, y) * 0.15;
        colour = ridges[layerHit].colour.map((c) => c * shade);
      }
      pixels[(y * width + x) * 3] = colour[0];
      pixels[(y * width + x) * 3 + 1] = colour[1];
      pixels[(y * width + x) * 3 + 2] = colour[2];
    }
  }
  for (const tree of trees) {
    const x0 = Math.max(0, Math.floor(tree.x - tree.rx));
    const x1 = Math.min(width - 1, Math.ceil(tree.x + tree.rx));
    const y0 = Math.max(0, Math.floor(tree.y - tree.ry));
    const y1 = Math.min(height - 1, Math.ceil(tree.y + tree.ry));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const dx = (x - tree.x) / tree.rx;
        const dy = (y - tree.y) / tree.ry;
        if (dx * dx + dy * dy > 1) continue;
        const i = (y * width + x) * 3;
        const leaf = tree.shade * (0.6 + fine(x, y) * 0.8);
        pixels[i] = clamp(pixels[i] * 0.3 + 20 * leaf);
        pixels[i + 1] = clamp(pixels[i + 1] * 0.3 + 90 * leaf);
        pixels[i + 2] = clamp(pixels[i + 2] * 0.3 + 30 * leaf);
      }
    }
  }
  // Sensor noise: small, so JPEG sizes stay modest, but enough that decoding is not a trivial flat image.
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = clamp(pixels[i] + (random() + random() + random() - 1.5) * 10);
  }
  return pixels;
}

await mkdir(values.out, { recursive: true });
let totalBytes = 0;
for (const sample of SAMPLES) {
  const file = path.join(values.out, sample.name);
  await sharp(drawLandscape(sample), { raw: { width: sample.width, height: sample.height, channels: 3 } })
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    .toFile(file);
  const { size } = await stat(file);
  totalBytes += size;
  console.log(`${file}: ${sample.width}x${sample.height}, ${size} bytes`);
}
console.log(`total ${totalBytes} bytes`);
