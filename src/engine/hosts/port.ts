// The child entry talks to its parent through this adapter, so one entry serves child_process.fork
// (process.send / process.on('message')) and Electron's utilityProcess (process.parentPort).

/** The parent side of a child process, as the child sees it. */
export interface ParentPort {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Picks the adapter for however this process was started; throws when it has no parent channel. */
export function connectParentPort(): ParentPort {
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) {
    return {
      post: (message) => utility.postMessage(message),
      onMessage: (listener) => utility.on('message', (event) => listener(event.data)),
    };
  }
  if (typeof process.send === 'function') {
    const send = process.send.bind(process);
    return {
      post: (message) => {
        send(message as Parameters<typeof send>[0]);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('child entry started without a parent channel (expected fork() or utilityProcess.fork())');
}
