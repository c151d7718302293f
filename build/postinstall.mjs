// Builds better-sqlite3 for Electron into a separate folder (.electron-native/) so that the copy in
// node_modules stays built for Node: the tests run under Node, the app under Electron, and neither
// breaks the other (the "ABI flip"). electron/main passes the Electron build through better-sqlite3's
// nativeBinding option. Where no Electron binary exists (CI, this build machine) it skips itself.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function skip(why) {
  console.log(`[postinstall] skipping the Electron build of better-sqlite3: ${why}`);
  process.exit(0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) skip('ELECTRON_SKIP_BINARY_DOWNLOAD is set (no Electron binary)');
if (process.env.CI) skip('CI is set (tests run under Node)');

let electronPath;
try {
  electronPath = require('electron');
} catch (e) {
  skip(`the Electron binary is absent (${e instanceof Error ? e.message.split('\n')[0] : e})`);
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) skip('the Electron binary is absent');

const electronVersion = require('electron/package.json').version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(root, '.electron-native', 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(dirname(work), { recursive: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) });

const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
try {
  execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime=electron', `--target=${electronVersion}`], { cwd: work, env, stdio: 'inherit' });
} catch {
  console.log('[postinstall] no prebuilt binary for Electron; compiling with node-gyp');
  execFileSync(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, env, stdio: 'inherit' });
}
console.log(`[postinstall] better-sqlite3 built for Electron ${electronVersion} in .electron-native/better-sqlite3`);
