// Entry of every child process (sequential, async, processes, process-pool models), forked by
// child_process.fork or Electron's utilityProcess.fork: the port adapter hides which.
import { connectParentPort } from './port.js';
import { serveTasks } from './serve.js';

const parent = connectParentPort();

// When the orchestrator goes away without a shutdown (crash, SIGKILL), the IPC channel closes: leave too,
// so no child outlives it.
process.on('disconnect', () => process.exit(0));

serveTasks(
  {
    post: (message) => parent.post(message),
    onMessage: (listener) => parent.onMessage(listener),
  },
  { child: true, onShutdown: () => process.exit(0) },
);
