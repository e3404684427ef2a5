// The adapter between ipcMain and the BenchService: check the sender, pass the raw payload through (the
// service validates it and names what was wrong), and return the outcome as data (IpcReply).
import { ipcMain, type BrowserWindow } from 'electron';
import type { PathPolicy } from '../engine/path-policy.js';
import type { BenchService } from '../engine/service.js';
import type { IpcChannel, IpcError, IpcReply, PushChannel, PushContract } from '../shared/ipc.js';
import type { SenderCheck } from './sender.js';

/** What every capability's setup function needs. */
export interface ShellContext {
  service: BenchService;
  /** What each window may name: the service checks against it, the dialog and drops grant to it. */
  paths: PathPolicy;
  getWindow(): BrowserWindow | null;
  checkSender: SenderCheck;
}

const SERVICE_CODES = new Set<IpcError['code']>(['bad-request', 'not-found', 'busy', 'forbidden']);

/** Turns whatever a handler threw into the data the renderer sees: a code and a message, never a stack. */
export function toIpcError(error: unknown): IpcError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && SERVICE_CODES.has(code as IpcError['code'])) {
    return { code: code as IpcError['code'], message };
  }
  return { code: 'internal', message: message || 'internal error' };
}

/** The path-policy scope of a window's page: what was picked or dropped there is readable there only. */
export function windowScope(sender: { id: number }): string {
  return `window:${sender.id}`;
}

/** Registers one ipcMain handler per channel, each answering through `context.service`. */
export function handleChannels(context: ShellContext, channels: readonly IpcChannel[]): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<IpcReply<typeof channel>> => {
      const refused = context.checkSender(event);
      if (refused) {
        return { ok: false, error: { code: 'forbidden', message: `${channel} refused: ${refused}` } };
      }
      try {
        return { ok: true, value: await context.service.handle(channel, payload, windowScope(event.sender)) };
      } catch (error) {
        const ipcError = toIpcError(error);
        if (ipcError.code === 'internal') console.error(`[main] ${channel} failed:`, error);
        return { ok: false, error: ipcError };
      }
    });
  }
}

/** Sends a push event to the window's page, if the window is still there. */
export function push<P extends PushChannel>(
  window: BrowserWindow | null,
  channel: P,
  payload: PushContract[P],
): boolean {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return false;
  window.webContents.send(channel, payload);
  return true;
}
