/**
 * The renderer's Vite config, shared by electron-vite (electron.vite.config.ts) and the browser host,
 * which builds the renderer itself when out/renderer is missing or older than the sources.
 * It takes the project root because bundled config files do not know their own location.
 */
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import type { UserConfig } from 'vite';

export const rendererOutDir = (projectRoot: string): string => resolve(projectRoot, 'out', 'renderer');

export function rendererConfig(projectRoot: string): UserConfig {
  const root = resolve(projectRoot, 'renderer');
  return {
    root,
    base: './',
    plugins: [vue()],
    // vue-i18n's build flags: Composition API only (legacy: false), $t in templates, no devtools in builds.
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: rendererOutDir(projectRoot),
      emptyOutDir: true,
      target: 'chrome130',
      chunkSizeWarningLimit: 2000,
      // The app, and the 納品書 print view (帳票, issue 11): a page of its own that Electron's hidden print window
      // and the browser host's print tab load.
      rolldownOptions: { input: { index: resolve(root, 'index.html'), print: resolve(root, 'print.html') } },
    },
  };
}
