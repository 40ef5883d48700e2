import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for both ways of running the app: the Electron main process and the browser-mode
// host share every module under src/main except src/main/electron/.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          host: resolve(__dirname, 'src/main/host/cli.ts'),
          // Worker threads, started from their own files (src/main/db/workers.ts).
          'read-worker': resolve(__dirname, 'src/main/db/read-worker.ts'),
          'checkpoint-worker': resolve(__dirname, 'src/main/db/checkpoint-worker.ts'),
          'export-worker': resolve(__dirname, 'src/main/exports/export-worker.ts'),
          'index-worker': resolve(__dirname, 'src/main/sync/index-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/electron/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
