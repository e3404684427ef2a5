// `cbench serve`: the GUI in a browser, over the web server in src/server.
import { spawn } from 'node:child_process';
import { InvalidArgumentError, type Command } from 'commander';
import type { RunningServer } from '../../server/index.js';
import { appVersion } from '../version.js';

interface ServeFlags {
  port?: number;
  open?: boolean;
  db?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError(
      `--port must be an integer from 0 to 65535 (0: a free port), got "${value}"`,
    );
  }
  return port;
}

/** Opens `url` in the default browser; a failure is a warning (the URL is printed anyway). */
export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // `start` is a cmd built-in; its first quoted argument is the window title.
          ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  const warn = (why: string): void => {
    process.stderr.write(`warning: could not open a browser (${why}); open the address above yourself\n`);
  };
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => warn(`${command}: ${error.message}`));
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) warn(`${command} exited with code ${code}`);
    });
    child.unref();
  } catch (error) {
    warn((error as Error).message);
  }
}

async function serve(flags: ServeFlags): Promise<void> {
  // The server module is loaded only for this command, so `cbench run` does not pay for it.
  const { startServer } = await import('../../server/index.js');
  // A failure to start (port taken, database unusable, renderer not built) leaves through main() as one line.
  const server: RunningServer = await startServer({
    port: flags.port,
    dbPath: flags.db,
    appVersion: appVersion(),
  });
  // Ctrl-C is handled before the address is printed, not only once the backend is ready: whoever reads the
  // address may stop the server at once, while it still loads, and that must still close it cleanly.
  let stopping = false;
  let markStopped = (): void => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write('stopping: cancelling any run and closing...\n');
    server
      .close()
      .catch((error: unknown) => {
        process.stderr.write(`cbench serve: error while closing: ${(error as Error).message}\n`);
        process.exitCode = 1;
      })
      .finally(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // Everything is closed; should a stray handle still hold the loop, it must not keep a stopped server's
        // process around.
        setTimeout(() => process.exit(), 2_000).unref();
        markStopped();
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The address goes out as soon as the page can be served; the backend finishes loading meanwhile.
  process.stdout.write(`Concurrency Bench GUI: ${server.url}\n`);
  try {
    await Promise.race([server.ready, stopped]);
  } catch (error) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await server.close();
    throw error;
  }
  if (!stopping) {
    process.stderr.write('Press Ctrl-C to stop.\n');
    if (flags.open) openBrowser(server.url);
  }
  await stopped;
}

/** Registers `cbench serve [--port N] [--open] [--db PATH]`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the GUI to a browser on 127.0.0.1 (prints the address with its access token)')
    .option('--port <n>', 'port to listen on (default: a free port)', parsePort)
    .option('--open', 'open the default browser')
    .option('--db <path>', 'history database file (default: $CBENCH_DB, else the user data folder)')
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}
