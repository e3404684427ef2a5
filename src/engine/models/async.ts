// async: one thread, Promise.all over a bounded number of async functions, each taking a chunk of items and
// yielding to the event loop (setImmediate) between sub-blocks: the article's asyncio. CPU kernels gain
// nothing from it; sharp resizes on libuv's thread pool, so images overlap. Unlike the article (a coroutine per
// number), the number of promises in flight is bounded.
import { singleChildModel } from './single-child.js';

/** Async functions in flight at once, at most. */
const MAX_ASYNC_CHUNKS = 16;

/** Promise.all over chunked async tasks in one thread, in a warm child process. */
export const asyncModel = singleChildModel(
  'async',
  'One thread, Promise.all over chunked async tasks that yield to the event loop',
  (_input, itemCount) => Math.max(2, Math.min(MAX_ASYNC_CHUNKS, itemCount)),
);
