import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The child entry is bundled on its own through `?modulePath` (src/main/engine-host.ts). The worker
        // entry and piscina's task module are entries here, under fixed names in one folder, because the
        // engine finds the task module next to the worker entry by name (models/worker-pool.ts).
        input: {
          index: resolve('src/main/index.ts'),
          'engine/worker-entry': resolve('src/engine/hosts/worker-entry.ts'),
          'engine/pool-task': resolve('src/engine/hosts/pool-task.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') },
      // electron-vite leaves the renderer unminified; `cbench serve` sends it to browsers, where the
      // smaller bundle (about a third of the size) shortens the first paint.
      minify: true,
    },
  },
});
