// Generates the app icons from the one source, build/icon.svg (npm run icons):
//   build/icon.png  1024×1024, rendered by Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH)
//   build/icon.ico  Windows (NSIS installer, exe, shortcuts)      build/icon.icns  macOS (app, dmg)
// with png2icons. The generated files are committed; build/check-packaging.mjs checks they match each other.
import { readFileSync, writeFileSync } from 'node:fs';
import png2icons from 'png2icons';
import { chromium } from 'playwright-core';

const SIZE = 1024;
const at = (name) => new URL(`../build/${name}`, import.meta.url);
const svg = readFileSync(at('icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
  writeFileSync(at('icon.png'), png);
  const icns = png2icons.createICNS(png, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(png, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not convert build/icon.png');
  writeFileSync(at('icon.icns'), icns);
  writeFileSync(at('icon.ico'), ico);
  console.log(`icons: icon.png ${png.length} B, icon.icns ${icns.length} B, icon.ico ${ico.length} B`);
} finally {
  await browser.close();
}
