// Every handler answers only the app's own page in the app's own window: not another window, not a
// sub-frame, not a page the window was somehow navigated to (Electron security checklist #17).
import { BrowserWindow, type IpcMainInvokeEvent } from 'electron';

/** Decides whether an IPC message comes from the app's page; returns why not, or null when it does. */
export type SenderCheck = (event: IpcMainInvokeEvent) => string | null;

/** True when `url` is on the app's page: same scheme, host and path as `appUrl` (query and hash ignored). */
export function isAppPage(url: string, appUrl: string): boolean {
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as app://, so compare the parts instead.
  const expected = new URL(appUrl);
  return (
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.pathname === expected.pathname
  );
}

/** The sender check for the main window showing `appUrl`. */
export function createSenderCheck(getWindow: () => BrowserWindow | null, appUrl: string): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return 'the app window is not open';
    if (BrowserWindow.fromWebContents(event.sender) !== window) return 'the sender is not the app window';
    const frame = event.senderFrame;
    if (!frame) return 'the sending frame is gone';
    if (frame.parent !== null) return 'the sender is a sub-frame, not the app page';
    if (!isAppPage(frame.url, appUrl)) return `the sender's page is not the app (${frame.url || 'no URL'})`;
    return null;
  };
}
