import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

// Run from the project root (npm scripts do). main and preload run in Electron; the renderer is a plain
// Vite + Vue app (renderer/vite.config.ts). The sandboxed preload must be CommonJS: emitted as index.cjs.
const root = process.cwd();

export default defineConfig({
  main: {
    build: {
      // The CSV import worker is its own entry, emitted beside the main bundle (electron/core/csv/import-stager.ts).
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts'), 'csv-import-worker': resolve(root, 'electron/core/csv/import-worker.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(root),
});
