// Entry of every child process (sequential, async, processes, process-pool models), forked by
// child_process.fork or Electron's utilityProcess.fork: the port adapter hides which.
import { connectParentPort } from './port.js';
import { serveTasks } from './serve.js';

const parent = connectParentPort();

// When the orchestrator goes away without a shutdown (crash, SIGKILL), the IPC channel closes: leave too,
// so no child outlives it.
process.on('disconnect', () => process.exit(0));

// Ctrl-C in a terminal sends SIGINT to the whole process group, children included. A child that died of it
// would make its model `failed` before the orchestrator's own handler could cancel the run; the orchestrator
// ends its children itself (shutdown, kill, or the channel closing above), so SIGINT is not theirs to act on.
process.on('SIGINT', () => {});

serveTasks(
  {
    post: (message) => parent.post(message),
    onMessage: (listener) => parent.onMessage(listener),
  },
  { child: true, onShutdown: () => process.exit(0) },
);
