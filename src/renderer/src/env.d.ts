/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { BenchApi } from '../../shared/ipc.js';

declare global {
  interface Window {
    /** The desktop backend, exposed by the Electron preload; absent in a browser (lib/api.ts then uses `cbench serve`). */
    api?: BenchApi;
  }
}
