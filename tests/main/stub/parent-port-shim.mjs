// Preloaded (--import) into every child the stub's utilityProcess.fork starts: gives it Electron's
// utility-process parent channel, process.parentPort ({ data } message events, postMessage), over the
// child_process IPC channel, and removes process.send, which a real utility process does not have.
// As Electron's ParentPort does, messages wait in a queue until the first 'message' listener is added
// (the child's own module may be registering it after the parent has already posted).
import { EventEmitter } from 'node:events';

const send = process.send.bind(process);
const port = new EventEmitter();
const queued = [];
let started = false;

port.postMessage = (message) => {
  send(message);
};
port.on('newListener', (event) => {
  if (event !== 'message' || started) return;
  started = true;
  // After the listener is in place: drain on the next tick so it sees queued messages in order.
  process.nextTick(() => {
    for (const data of queued.splice(0)) port.emit('message', { data, ports: [] });
  });
});
process.on('message', (data) => {
  if (started && queued.length === 0) port.emit('message', { data, ports: [] });
  else queued.push(data);
});
Object.defineProperty(process, 'parentPort', { value: port, enumerable: true });
process.send = undefined;
