/**
 * The browser host builds the renderer itself (when out/renderer is missing or stale) — from `npm run web`, the
 * e2e tests and the launch benchmark alike. It must be Vue's production build even when the build starts inside
 * a test run (NODE_ENV=test here), as the app's own electron-vite build is.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../../../electron/web/renderer-build';

const outDir = mkdtempSync(join(tmpdir(), 'renderer-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the browser host’s renderer build', () => {
  it('is the production build whatever NODE_ENV says', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    await buildRenderer(outDir);
    const scripts = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const code = scripts.map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
    expect(code).toContain('createApp'); // Vue is in there
    expect(code).not.toContain('[Vue warn]'); // its development build carries the warnings
    // The page asks for the list's first page from the 'boot' chunk, which the entry imports first (before Vue's).
    const entry = readFileSync(join(outDir, 'index.html'), 'utf8').match(/src="\.\/assets\/(index-[^"]+\.js)"/)?.[1];
    const imports = [...readFileSync(join(outDir, 'assets', entry!), 'utf8').matchAll(/from"\.\/([a-z0-9_-]+)-[A-Za-z0-9_-]+\.js"/g)].map((m) => m[1]);
    expect(imports.filter((name) => name !== 'rolldown-runtime')[0]).toBe('boot');
  }, 120_000);
});
