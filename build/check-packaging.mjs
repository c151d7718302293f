// Checks the packaging config offline (no Electron binary can be downloaded here): builds the app,
// packs it with electron-builder for Linux into a folder using a stub Electron that carries Electron's
// fuse wire (so electron-builder's fuse step runs for real), then asserts what a user would get:
// app.asar with the built main/preload/renderer, better-sqlite3's native addon unpacked, no renderer
// libraries shipped twice, the fuses of a credential-holding app, the app icons (build/icon.*), the renderer
// served from the privileged app scheme and never from file:// while grantFileProtocolExtraPrivileges is off,
// and the update feed electron-updater reads (resources/app-update.yml); and that the CSV import worker, as
// built, runs (build/check-import-worker.ts). The rules: build/packaging-rules.mjs.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants.js';
import { iconProblems, installerConfigProblems, schemeFuseProblems, updateConfigProblems } from './packaging-rules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

execFileSync(bin('electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

// The CSV import worker is its own entry (electron.vite.config.ts): as built, it must run.
const builtWorker = join(root, 'out', 'main', 'csv-import-worker.js');
let workerRuns = false;
try {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'build', 'check-import-worker.ts'), builtWorker], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  workerRuns = true;
} catch {
  // reported below
}

// A stub Electron: a script carrying Electron 41's default fuse wire (wire version 1, 8 fuses, '1' on, '0' off).
const work = mkdtempSync(join(tmpdir(), 'atobarai-pack-'));
const dist = join(work, 'electron-dist');
mkdirSync(dist);
const defaults = '10110001'; // RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol
writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stub Electron"\nexit 0\n# '), Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.from('\n')]));
chmodSync(join(dist, 'electron'), 0o755);
writeFileSync(join(dist, 'version'), require('electron/package.json').version);

const out = join(work, 'release');
execFileSync(bin('electron-builder'), ['--linux', '--dir', '-c.npmRebuild=false', `-c.electronDist=${dist}`, `-c.directories.output=${out}`], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
});

const unpacked = join(out, 'linux-unpacked');
const resources = join(unpacked, 'resources');
const asar = join(resources, 'app.asar');
check(existsSync(asar), 'resources/app.asar exists');
const files = existsSync(asar) ? listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')) : [];
for (const f of ['/out/main/index.js', '/out/main/csv-import-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) check(files.includes(f), `app.asar contains ${f}`);
check(workerRuns, 'the built CSV import worker (out/main/csv-import-worker.js) stages and imports a file');
check(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')), 'better-sqlite3 native addon is unpacked from the asar');
for (const lib of ['vue', 'element-plus', 'pinia', 'vue-i18n', '@fontsource/noto-sans-jp', 'vite', 'electron', 'vitest']) {
  check(!files.some((f) => f.startsWith(`/node_modules/${lib}/`)), `renderer/dev library ${lib} is not shipped in the asar (Vite bundled it)`);
}
for (const dep of Object.keys(pkg.dependencies)) check(files.some((f) => f.startsWith(`/node_modules/${dep}/`)), `runtime dependency ${dep} is in the asar`);
check(!files.some((f) => f.endsWith('.map')), 'no source maps shipped');

const wire = await getCurrentFuseWire(join(unpacked, pkg.name));
const expectFuse = (option, state, label) => check(wire[option] === state, `fuse ${label} is ${state === 49 ? 'on' : 'off'}`);
expectFuse(FuseV1Options.RunAsNode, 48, 'RunAsNode');
expectFuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable, 48, 'NODE_OPTIONS');
expectFuse(FuseV1Options.EnableNodeCliInspectArguments, 48, '--inspect arguments');
expectFuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation, 49, 'asar integrity validation');
expectFuse(FuseV1Options.OnlyLoadAppFromAsar, 49, 'only load app from asar');
expectFuse(FuseV1Options.EnableCookieEncryption, 49, 'cookie encryption');
expectFuse(FuseV1Options.GrantFileProtocolExtraPrivileges, 48, 'grantFileProtocolExtraPrivileges');

// The renderer comes from the app scheme: main as packed, against the fuse as flipped in the binary.
const mainFiles = files.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'));
const mainCode = mainFiles.map((f) => extractFile(asar, f.slice(1)).toString('utf8')).join('\n');
const scheme = /APP_SCHEME = '([a-z][a-z0-9+.-]*)'/u.exec(readFileSync(join(root, 'electron', 'static', 'app-origin.ts'), 'utf8'))?.[1] ?? '';
const fileProtocolFuseOn = wire[FuseV1Options.GrantFileProtocolExtraPrivileges] === 49;
const schemeProblems = schemeFuseProblems({ mainCode, fileProtocolFuseOn, scheme });
check(schemeProblems.length === 0, `main loads the renderer from the privileged ${scheme}:// scheme, not file://${schemeProblems.map((p) => `\n       ${p}`).join('')}`);

// The update feed as electron-updater will read it in the installed app.
const appUpdate = join(resources, 'app-update.yml');
const updateProblems = updateConfigProblems(existsSync(appUpdate) ? readFileSync(appUpdate, 'utf8') : null);
check(updateProblems.length === 0, `the update feed is a generic provider on https${updateProblems.map((p) => `\n       ${p}`).join('')}`);
check(files.some((f) => f.startsWith('/node_modules/electron-updater/')), 'electron-updater is in the asar');

// Icons: generated from build/icon.svg by npm run icons, committed.
const readIcon = (name) => (existsSync(join(root, 'build', name)) ? readFileSync(join(root, 'build', name)) : null);
const icons = iconProblems({ png: readIcon('icon.png'), ico: readIcon('icon.ico'), icns: readIcon('icon.icns') });
check(icons.length === 0, `app icons: 1024 px PNG, .ico with 16–256 px, .icns with 1024 px${icons.map((p) => `\n       ${p}`).join('')}`);
check(existsSync(join(root, 'build', 'icon.svg')), "the icons' source build/icon.svg is there");

// The installers for the other platforms cannot be built here: their configuration is checked instead
// (js-yaml is what electron-builder itself reads electron-builder.yml with).
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml');
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const entitlements = config.mac?.entitlements ? join(root, config.mac.entitlements) : null;
const installers = installerConfigProblems(config, { entitlementsText: entitlements && existsSync(entitlements) ? readFileSync(entitlements, 'utf8') : null });
check(installers.length === 0, `installers: NSIS Japanese per-user (後払いデスク), dmg + zip hardened, AppImage + deb, no signing secrets in the config${installers.map((p) => `\n       ${p}`).join('')}`);

if (failures.length) {
  console.error(`packaging check: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('packaging check: ok');
