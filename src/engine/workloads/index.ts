// Workload adapters: what the models need to know about a workload without knowing which one it is. One file
// per job: case-input.ts (the prepared inputs and shapes), prepare.ts (inputs and the independent reference),
// partition.ts, tasks.ts (TaskSpecs for ranges of items), merge.ts, digest.ts, image-outputs.ts (folders).
export {
  caseInput,
  type CaseInput,
  type ImagesInput,
  type ItemRange,
  type MatrixInput,
  type MergedOutput,
  type PrimesInput,
} from './case-input.js';
export { digestOf } from './digest.js';
export {
  defaultImagesRoot,
  IMAGE_OUTPUT_MAX_AGE_MS,
  makeRunOutDir,
  pruneImageOutputs,
  repetitionOutDir,
} from './image-outputs.js';
export { collectFiles, mergeOutputs, outputRoom, roomFor, scanPrimeFlags } from './merge.js';
export { dynamicChunks, partition } from './partition.js';
export { prepareCase, releaseCase } from './prepare.js';
export { buildFillTask, buildTask, newPassId, type TaskContext } from './tasks.js';
