/** Builds the renderer for the browser host when out/renderer is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['renderer', 'shared'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => newestMtime(join(root, dir)) > built);
}

/** Returns the folder to serve. */
export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<string> {
  const { rendererConfig, rendererOutDir } = await import('../../renderer/vite.config');
  const outDir = rendererOutDir(root);
  if (!rendererIsStale(outDir)) return outDir;
  log('building the renderer (vite build)…');
  const { build } = await import('vite');
  await build({ ...rendererConfig(root), configFile: false, logLevel: 'warn' });
  return outDir;
}
