// The renderer's one door to the backend: window.api under Electron (exposed by the preload), a
// WebSocket to `cbench serve` in a browser (web-api.ts). Both speak IpcContract; the rest of the renderer
// sees BenchApi only.
import type { BenchApi } from '../../../shared/ipc.js';
import { WebApi } from './web-api.js';

export { ApiError } from './api-error.js';

/** Desktop: the preload's domain actions; web: the WebSocket bridge of `cbench serve`. */
export const api: BenchApi = (typeof window !== 'undefined' ? window.api : undefined) ?? new WebApi();
