/** The rules check:packaging applies, on good and bad inputs: icons, the scheme vs the file-protocol fuse, the update feed. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain ESM JavaScript, without types
import { icnsTypes, icoSizes, iconProblems, installerConfigProblems, pngSize, schemeFuseProblems, updateConfigProblems } from '../../build/packaging-rules.mjs';

const icons = { png: readFileSync('build/icon.png'), ico: readFileSync('build/icon.ico'), icns: readFileSync('build/icon.icns') };

describe('icons', () => {
  it('accepts the committed icons: a 1024 px PNG, an .ico up to 256 px, an .icns up to 1024 px', () => {
    expect(pngSize(icons.png)).toEqual({ width: 1024, height: 1024 });
    expect(icoSizes(icons.ico)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(icnsTypes(icons.icns)).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic07']));
    expect(iconProblems(icons)).toEqual([]);
  });

  it('refuses missing, wrong-sized or broken icons', () => {
    const small = Buffer.from(icons.png);
    small.writeUInt32BE(512, 16);
    small.writeUInt32BE(512, 20);
    expect(iconProblems({ ...icons, png: small })).toEqual(['build/icon.png is 512×512, not 1024×1024']);
    expect(iconProblems({ ...icons, png: null })).toEqual(['build/icon.png is missing or not a PNG']);
    expect(iconProblems({ ...icons, ico: Buffer.from('not an icon') })).toEqual(['build/icon.ico is missing or not an .ico']);
    expect(iconProblems({ ...icons, icns: icons.icns.subarray(0, 1000) })).toEqual(['build/icon.icns is missing or not an .icns']);
  });
});

describe('scheme and fuse', () => {
  const good = `protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const APP_SCHEME = "atobarai"; protocol.handle(APP_SCHEME, (r) => rendererResponse(dir, r)); win.loadURL(appUrl());`;

  it('accepts main that loads the renderer from its privileged scheme with the fuse off', () => {
    expect(schemeFuseProblems({ mainCode: good, fileProtocolFuseOn: false, scheme: 'atobarai' })).toEqual([]);
  });

  it('fails when main can load file:// while grantFileProtocolExtraPrivileges is off', () => {
    for (const load of ['win.loadFile(join(__dirname, "index.html"))', 'win.loadURL(`file://${join(dir, "index.html")}`)', 'win.loadURL(pathToFileURL(p).href)']) {
      const problems = schemeFuseProblems({ mainCode: `${good}\n${load}`, fileProtocolFuseOn: false, scheme: 'atobarai' });
      expect(problems.length, load).toBe(1);
      expect(problems[0]).toMatch(/fuse grantFileProtocolExtraPrivileges is off/);
      // With the fuse on, file:// pages keep their privileges: not this rule's concern.
      expect(schemeFuseProblems({ mainCode: `${good}\n${load}`, fileProtocolFuseOn: true, scheme: 'atobarai' })).toEqual([]);
    }
  });

  it('fails when the scheme is not registered privileged, standard and secure, or not served', () => {
    expect(schemeFuseProblems({ mainCode: 'win.loadURL("atobarai://app/index.html")', fileProtocolFuseOn: false, scheme: 'atobarai' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/registerSchemesAsPrivileged/), expect.stringMatching(/protocol\.handle/)]),
    );
    const notSecure = good.replace('secure: true', 'secure: false');
    expect(schemeFuseProblems({ mainCode: notSecure, fileProtocolFuseOn: false, scheme: 'atobarai' })).toEqual(['the app scheme is not registered as secure']);
    expect(schemeFuseProblems({ mainCode: good, fileProtocolFuseOn: false, scheme: 'other' })).toEqual(['main does not name the app scheme "other"']);
  });
});

describe('update feed', () => {
  it('accepts a generic provider on https and refuses anything else', () => {
    expect(updateConfigProblems('provider: generic\nurl: https://updates.example.jp/desk\nchannel: latest\nupdaterCacheDirName: atobarai-desk-updater\n')).toEqual([]);
    expect(updateConfigProblems('provider: generic\nurl: http://updates.example.jp/desk\n')).toEqual(['the update URL must be https (got http://updates.example.jp/desk)']);
    expect(updateConfigProblems('provider: github\nowner: x\nrepo: y\n')).toEqual(['the update provider is github, not generic', 'the update URL must be https (got none)']);
    expect(updateConfigProblems(null)).toEqual(['resources/app-update.yml is missing (electron-builder.yml has no publish config)']);
  });
});

describe('installers', () => {
  // js-yaml comes with electron-builder (app-builder-lib), which is what reads electron-builder.yml.
  const require = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
  const yaml = require('js-yaml') as { load(text: string): Record<string, Record<string, unknown>> };
  const config = () => yaml.load(readFileSync('electron-builder.yml', 'utf8'));
  const entitlementsText = readFileSync('build/entitlements.mac.plist', 'utf8');

  it('accepts electron-builder.yml: Japanese per-user NSIS, dmg + zip hardened, AppImage + deb, no secrets', () => {
    expect(installerConfigProblems(config(), { entitlementsText })).toEqual([]);
  });

  it('names each way the installers could go wrong', () => {
    const c = config();
    c.nsis = { ...c.nsis, perMachine: true, language: '1033', shortcutName: 'Atobarai Desk', deleteAppDataOnUninstall: true };
    c.mac = { ...c.mac, target: ['dmg'], hardenedRuntime: false };
    c.linux = { ...c.linux, target: ['AppImage'], category: undefined };
    c.win = { ...c.win, certificatePassword: 'hunter2' };
    expect(installerConfigProblems(c, { entitlementsText: '<plist/>' })).toEqual([
      'NSIS: not per-user (perMachine must be false)',
      'NSIS: the installer language is not Japanese (1041)',
      'NSIS: the shortcuts are not named 後払いデスク',
      'NSIS: uninstalling would delete the data folder',
      'macOS: the target lacks zip (electron-updater updates from it)',
      'macOS: the hardened runtime is off',
      'macOS: build/entitlements.mac.plist lacks allow-jit',
      'Linux: the target lacks deb',
      'Linux: no desktop category',
      'signing material in the config (win.certificatePassword): read it from the environment instead',
    ]);
  });
});
