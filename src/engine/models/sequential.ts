// sequential: one thread loops over every item (the article's Sequential), in a long-lived child process.
import { singleChildModel } from './single-child.js';

/** One thread, one loop over all items, in a warm child process. */
export const sequentialModel = singleChildModel(
  'sequential',
  'One thread loops over every item, in a long-lived child process',
  () => undefined,
);
