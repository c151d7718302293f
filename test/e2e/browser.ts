/**
 * Finding a Chromium or Chrome for the end-to-end tests: ATOBARAI_CHROMIUM, then the usual install paths on
 * Linux (Debian's /usr/bin/chromium), macOS and Windows. Playwright's own browser download is never used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const fromEnv = env.ATOBARAI_CHROMIUM ? [env.ATOBARAI_CHROMIUM] : [];
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return [
      ...fromEnv,
      ...roots.map((r) => join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => join(r, 'Chromium', 'Application', 'chrome.exe')),
      ...roots.map((r) => join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

export function findChromium(): string | null {
  return chromiumCandidates().find((p) => existsSync(p)) ?? null;
}

/** Headless launch with the flags that work in containers and CI (docs/toolchain.md). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The browser to use, or null to skip with a plain message. Under CI a missing browser is an error: the
 * end-to-end run must not pass by skipping.
 */
export function browserOrSkip(): string | null {
  const found = findChromium();
  if (found) return found;
  const msg = `End-to-end tests skipped: no Chromium or Chrome found (looked in: ${chromiumCandidates().join(', ')}). Set ATOBARAI_CHROMIUM to a browser executable.`;
  if (process.env.CI) throw new Error(`${msg} (CI requires a browser)`);
  console.warn(msg);
  return null;
}
