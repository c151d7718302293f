// The rules build/check-packaging.mjs applies to a packed app, as pure functions (tested under Node in
// test/unit/packaging-rules.test.ts): icons, the app scheme against the file-protocol fuse, the update feed.

/** Width and height of a PNG (from its IHDR), or null when buf is not a PNG. */
export function pngSize(buf) {
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(magic) || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The image sizes in a Windows .ico (0 in the directory means 256), or null when buf is not one. */
export function icoSizes(buf) {
  if (buf.length < 6 || buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) return null;
  const count = buf.readUInt16LE(4);
  if (buf.length < 6 + 16 * count) return null;
  return Array.from({ length: count }, (_, i) => buf[6 + 16 * i] || 256);
}

/** The element types of a macOS .icns (ic10 = 1024 px, ic09 = 512 px …), or null when buf is not one. */
export function icnsTypes(buf) {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== 'icns' || buf.readUInt32BE(4) !== buf.length) return null;
  const types = [];
  for (let at = 8; at + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(at + 4);
    if (size < 8) return null;
    types.push(buf.toString('latin1', at, at + 4));
    at += size;
  }
  return types;
}

/** What is wrong with the three app icons (empty = fine). */
export function iconProblems({ png, ico, icns }) {
  const problems = [];
  const size = png ? pngSize(png) : null;
  if (!size) problems.push('build/icon.png is missing or not a PNG');
  else if (size.width !== 1024 || size.height !== 1024) problems.push(`build/icon.png is ${size.width}×${size.height}, not 1024×1024`);
  const sizes = ico ? icoSizes(ico) : null;
  if (!sizes) problems.push('build/icon.ico is missing or not an .ico');
  else for (const s of [16, 32, 48, 256]) if (!sizes.includes(s)) problems.push(`build/icon.ico lacks the ${s} px image`);
  const types = icns ? icnsTypes(icns) : null;
  if (!types) problems.push('build/icon.icns is missing or not an .icns');
  else for (const t of ['ic10', 'ic09', 'ic07']) if (!types.includes(t)) problems.push(`build/icon.icns lacks ${t}`);
  return problems;
}

const FILE_LOADS = [
  [/\.loadFile\s*\(/u, 'calls loadFile()'],
  [/["'`]file:\/\//u, 'names a file:// URL'],
  [/pathToFileURL\s*\(/u, 'builds a file URL (pathToFileURL)'],
];

/**
 * The built main process against the fuse: with grantFileProtocolExtraPrivileges off, pages loaded from
 * file:// behave as in a browser (module scripts fail, a blank window), so main must load the renderer from
 * its privileged, standard, secure scheme and never from file://.
 */
export function schemeFuseProblems({ mainCode: withComments, fileProtocolFuseOn, scheme }) {
  const mainCode = withComments.replace(/\/\*[\s\S]*?\*\//gu, ''); // the bundle keeps doc comments; only code counts
  const problems = [];
  if (!fileProtocolFuseOn) {
    for (const [pattern, what] of FILE_LOADS) {
      if (pattern.test(mainCode)) problems.push(`main ${what} while the fuse grantFileProtocolExtraPrivileges is off`);
    }
  }
  const registered = /registerSchemesAsPrivileged\s*\(/u.test(mainCode);
  if (!registered) problems.push('main does not register a privileged scheme (protocol.registerSchemesAsPrivileged)');
  else {
    for (const privilege of ['standard', 'secure']) {
      if (!new RegExp(`${privilege}\\s*:\\s*(?:true|!0)`, 'u').test(mainCode)) problems.push(`the app scheme is not registered as ${privilege}`);
    }
  }
  if (!/protocol\.handle\s*\(/u.test(mainCode)) problems.push('main does not serve the app scheme (protocol.handle)');
  if (!mainCode.includes(`"${scheme}"`) && !mainCode.includes(`'${scheme}'`)) problems.push(`main does not name the app scheme "${scheme}"`);
  return problems;
}

/** app-update.yml (what electron-updater reads in the packed app): a generic provider on https. */
export function updateConfigProblems(appUpdateYml) {
  if (appUpdateYml === null) return ['resources/app-update.yml is missing (electron-builder.yml has no publish config)'];
  const field = (name) => new RegExp(`^${name}:\\s*['"]?([^'"\\n]+?)['"]?\\s*$`, 'mu').exec(appUpdateYml)?.[1];
  const problems = [];
  if (field('provider') !== 'generic') problems.push(`the update provider is ${field('provider') ?? 'missing'}, not generic`);
  const url = field('url');
  const parsed = URL.canParse(url ?? '') ? new URL(url) : null;
  if (!parsed || parsed.protocol !== 'https:') problems.push(`the update URL must be https (got ${url ?? 'none'})`);
  return problems;
}

const targetsOf = (t) => (Array.isArray(t) ? t : t ? [t] : []).map((x) => (typeof x === 'string' ? x : x.target));
const SECRET_KEYS = /^(?:cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSubjectName|appleId|appleIdPassword)$/u;

/**
 * electron-builder.yml's installers, as a Japanese shop installs them: NSIS in Japanese, per-user, shortcuts
 * 後払いデスク, data kept on uninstall; dmg (+ zip for updates) with the hardened runtime and entitlements;
 * AppImage + deb with a category; signing material only from the environment, never in the file.
 */
export function installerConfigProblems(config, { entitlementsText }) {
  const problems = [];
  const nsis = config.nsis ?? {};
  if (!targetsOf(config.win?.target).includes('nsis')) problems.push('Windows: the target is not nsis');
  if (nsis.perMachine !== false) problems.push('NSIS: not per-user (perMachine must be false)');
  if (String(nsis.language) !== '1041') problems.push('NSIS: the installer language is not Japanese (1041)');
  if (!(nsis.installerLanguages ?? []).includes('ja_JP')) problems.push('NSIS: installerLanguages lacks ja_JP');
  if (nsis.shortcutName !== '後払いデスク') problems.push('NSIS: the shortcuts are not named 後払いデスク');
  if (nsis.createDesktopShortcut === false || nsis.createStartMenuShortcut === false) problems.push('NSIS: a shortcut is switched off');
  if (nsis.deleteAppDataOnUninstall === true) problems.push('NSIS: uninstalling would delete the data folder');
  const macTargets = targetsOf(config.mac?.target);
  if (!macTargets.includes('dmg')) problems.push('macOS: the target lacks dmg');
  if (!macTargets.includes('zip')) problems.push('macOS: the target lacks zip (electron-updater updates from it)');
  if (config.mac?.hardenedRuntime !== true) problems.push('macOS: the hardened runtime is off');
  if (!config.mac?.entitlements) problems.push('macOS: no entitlements file');
  else if (entitlementsText === null) problems.push(`macOS: ${config.mac.entitlements} is missing`);
  else if (!entitlementsText.includes('com.apple.security.cs.allow-jit')) problems.push(`macOS: ${config.mac.entitlements} lacks allow-jit`);
  const linuxTargets = targetsOf(config.linux?.target);
  for (const t of ['AppImage', 'deb']) if (!linuxTargets.includes(t)) problems.push(`Linux: the target lacks ${t}`);
  if (!config.linux?.category) problems.push('Linux: no desktop category');
  const walk = (node, path) => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (SECRET_KEYS.test(k)) problems.push(`signing material in the config (${path}${k}): read it from the environment instead`);
      walk(v, `${path}${k}.`);
    }
  };
  walk(config, '');
  return problems;
}
