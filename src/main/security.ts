// Secure by default (Electron's security checklist): a strict CSP on every response, no remote content,
// no navigation away from the app, no new windows or webviews, and every permission request refused.
import { app, type Session } from 'electron';
import { isAppPage } from './sender.js';

/**
 * The page's policy. 'unsafe-inline' for styles only: Svelte's transitions insert <style> elements at run
 * time; scripts stay 'self'. `devServer` (vite, development only) adds its origin and HMR socket.
 */
export function contentSecurityPolicy(devServer?: string): string {
  const dev = devServer ? new URL(devServer) : undefined;
  const devSources = dev ? ` ${dev.origin} ws://${dev.host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${dev ? ` ${dev.origin}` : ''}`,
    `style-src 'self' 'unsafe-inline'${dev ? ` ${dev.origin}` : ''}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${devSources}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Schemes the page may load from; everything else (http(s) to anywhere, file://, ftp...) is cancelled. */
export function isAllowedRequest(url: string, appUrl: string, devServer?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:')
    return true;
  const app = new URL(appUrl);
  if (parsed.protocol === app.protocol && parsed.host === app.host) return true;
  if (devServer) {
    const dev = new URL(devServer);
    const sameHost = parsed.host === dev.host;
    if (sameHost && (parsed.protocol === dev.protocol || parsed.protocol === 'ws:')) return true;
  }
  return false;
}

export interface SecurityOptions {
  /** The page the window shows (app://bench/index.html, or the vite dev server in development). */
  appUrl: string;
  devServer?: string;
}

/** Applies the policy to the session and to every web contents the app creates. */
export function setupSecurity(session: Session, options: SecurityOptions): void {
  const csp = contentSecurityPolicy(options.devServer);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options.appUrl, options.devServer);
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppPage(url, options.appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url, options.appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
