import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// Three kinds of tests: Node (unit + integration against real SQLite and the
// sandbox over sockets), renderer components under happy-dom, and end-to-end
// runs of the real UI in Debian's Chromium against the browser host.
export default defineConfig({
  plugins: [vue()],
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
