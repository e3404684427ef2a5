// Executing an images task: resizing its files one after another, or in async functions whose files sharp
// resizes on libuv's pool meanwhile.
import type { ImageFileOutcome } from '../../../shared/results.js';
import type { ImagesTask, TaskOutput } from '../../../shared/protocol.js';
import { images } from './kernels.js';
import { Progress, type ExecHooks } from './progress.js';
import { splitInclusive } from './split.js';

/** Resizes the task's files into its output folder; a file that fails is an outcome, not a throw. */
export async function runImages(task: ImagesTask, hooks: ExecHooks): Promise<TaskOutput> {
  if (task.files.length !== task.indices.length)
    throw new Error('images task: files and indices differ in length');
  const progress = new Progress(task.files.length, hooks);
  const files: ImageFileOutcome[] = new Array<ImageFileOutcome>(task.files.length);
  const resizeAt = async (i: number): Promise<void> => {
    files[i] = await images!.resizeFile(task.files[i], task.outDir, task.width, task.height, task.indices[i]);
    progress.add(1);
  };
  if (task.asyncChunks && task.asyncChunks > 1) {
    // Each async function takes its files one after another; sharp runs them on libuv's pool meanwhile.
    const groups = splitInclusive(0, task.files.length - 1, task.asyncChunks);
    await Promise.all(
      groups.map(async ([first, last]) => {
        for (let i = first; i <= last; i++) await resizeAt(i);
      }),
    );
  } else {
    for (let i = 0; i < task.files.length; i++) await resizeAt(i);
  }
  return { kind: 'images', indices: task.indices, files };
}
