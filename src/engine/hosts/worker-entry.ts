// Entry of every worker_thread the engine starts itself (worker-threads and shared-memory models).
import { parentPort } from 'node:worker_threads';
import { serveTasks } from './serve.js';

if (!parentPort) throw new Error('worker-entry must run as a worker thread');
const port = parentPort;

serveTasks(
  {
    post: (message, transfer) => port.postMessage(message, transfer ?? []),
    onMessage: (listener) => port.on('message', listener),
  },
  { child: false, onShutdown: () => port.close() },
);
