/**
 * The browser for the end-to-end tests (found by test/helpers/chromium.ts: ATOBARAI_CHROMIUM, Debian's
 * /usr/bin/chromium, the usual macOS and Windows paths). Where none is found the tests say so plainly and skip —
 * except under CI, where a missing browser must fail the run instead of passing it by skipping.
 */
import { chromiumCandidates, findChromium } from '../helpers/chromium';

export { launchChromium } from '../helpers/chromium';

export function browserOrSkip(): string | null {
  const found = findChromium();
  if (found) return found;
  const msg = `End-to-end tests skipped: no Chromium or Chrome found (looked in: ${chromiumCandidates().join(', ')}). Set ATOBARAI_CHROMIUM to a browser executable.`;
  if (process.env.CI) throw new Error(`${msg} (CI requires a browser)`);
  console.warn(msg);
  return null;
}
