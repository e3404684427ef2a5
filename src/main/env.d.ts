// electron-vite's import suffixes (`?modulePath`) and ELECTRON_RENDERER_URL, for the main-process sources.
/// <reference types="electron-vite/node" />
