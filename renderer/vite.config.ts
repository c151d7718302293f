/**
 * The renderer's Vite config, shared by electron-vite (electron.vite.config.ts) and the browser host,
 * which builds the renderer itself when out/renderer is missing or older than the sources.
 * It takes the project root because bundled config files do not know their own location.
 */
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import type { UserConfig } from 'vite';

/** The modules that ask the core for the list's first page (and nothing of Vue's): the 'boot' chunk. */
const BOOT_MODULES = /[\\/](renderer[\\/]src[\\/](api[\\/]|stores[\\/]first-page\.ts|prefetch-first-page\.ts)|shared[\\/](api-result|contract-names)\.ts)/;

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
      // Chromium (Electron, the browser host's tabs) preloads modules itself; Vite's polyfill for other browsers
      // would be the entry's first import and pull Vue's chunk in front of the boot chunk below.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2000,
      // The app, and the 納品書 print view (帳票, issue 11): a page of its own that Electron's hidden print window
      // and the browser host's print tab load.
      rolldownOptions: {
        input: { index: resolve(root, 'index.html'), print: resolve(root, 'print.html') },
        // The api client in a chunk of its own, evaluated before Vue and Element Plus: main.ts's first import
        // asks the core for the list's first page while those are still being evaluated (prefetch-first-page.ts).
        output: { codeSplitting: { groups: [{ name: 'boot', test: BOOT_MODULES }] } },
      },
    },
  };
}
