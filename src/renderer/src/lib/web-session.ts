// What the page holds to speak to `cbench serve`: its token (taken out of the address bar) and its session
// id, both kept in sessionStorage, and how a refused HTTP request's reason is read.
import { WIRE_NAMES, type HttpErrorBody } from '../../../shared/wire.js';

const TOKEN_KEY = 'cbench.token';
const SESSION_KEY = 'cbench.session';

/** The page URL carries the token once; it moves to sessionStorage so reloads work and the address bar is clean. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(WIRE_NAMES.tokenParam);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(WIRE_NAMES.tokenParam);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function sessionId(): string {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

export async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as HttpErrorBody;
    return body.error.message;
  } catch {
    return `HTTP ${response.status}`;
  }
}
