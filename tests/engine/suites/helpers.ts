// A host whose sample folder is a temp dir of four files of different sizes: buildSuiteSpec only lists and
// sizes the samples (decoding them is the workload's job), so their bytes need not be real images.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nodeHost, type EngineHost } from '../../../src/engine/host.js';

export const SAMPLE_NAMES = ['a-3840x2160.jpg', 'b-1280x720.jpg', 'c-1920x1080.jpg', 'd-3840x2160.jpg'];
const SAMPLE_BYTES = [4000, 1000, 2000, 3000];

export async function hostWithSamples(): Promise<{ host: EngineHost; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-suites-'));
  await Promise.all(
    SAMPLE_NAMES.map((name, i) => writeFile(path.join(dir, name), Buffer.alloc(SAMPLE_BYTES[i]))),
  );
  return { host: { ...nodeHost(), sampleDir: dir }, dir };
}
