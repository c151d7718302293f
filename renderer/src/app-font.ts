/**
 * The bundled Noto Sans JP goes on once the first screen is painted.
 *
 * The font comes as ~250 unicode-range subsets (@fontsource/noto-sans-jp, two weights). Used from the first
 * layout, the first screen needed ~45 of them: every layout shaped text through the pending faces and ran
 * again as each one arrived, which cost about 0.45 s of main-thread time before the first rows (measured
 * with bench/launch.ts). So the first screen paints in the desktop's own Japanese font (the stack in
 * base.css), then the subsets covering the text on screen are fetched and decoded off-layout with
 * document.fonts.load, and one class on <html> switches to Noto Sans JP with all of them ready: one
 * relayout, no flashes. Characters that appear later load their subset as usual (font-display: swap).
 */
import appFontCss from './styles/app-font.css?url';

export const APP_FONT_CLASS = 'app-font';
export const APP_FONT_FAMILY = 'Noto Sans JP';
/** Upper bound on the text sampled to choose the subsets (the first screen holds far less). */
const SAMPLE_CHARS = 20_000;

/** Loads the faces the document's current text needs, then switches the document to the bundled font. */
export async function applyAppFont(doc: Document = document, facesHref: string = appFontCss): Promise<void> {
  const root = doc.documentElement;
  if (root.classList.contains(APP_FONT_CLASS)) return;
  const text = (doc.body?.textContent ?? '').slice(0, SAMPLE_CHARS);
  try {
    await linkFontFaces(doc, facesHref);
    await Promise.all(['400', '700'].map((weight) => doc.fonts.load(`${weight} 14px "${APP_FONT_FAMILY}"`, text)));
  } catch {
    // A face failed to load: the switch still happens and the browser falls back per character.
  }
  root.classList.add(APP_FONT_CLASS);
}

/** How long the switch waits for the faces' stylesheet at most (it is a local file: milliseconds). */
const FACES_TIMEOUT_MS = 3_000;

/**
 * Links the stylesheet that declares the font's faces — ~250 @font-face rules, not parsed at launch since
 * nothing uses them before the switch (~30 ms of the first screen) — and waits until it is loaded (or failed).
 */
function linkFontFaces(doc: Document, href: string): Promise<void> {
  if (doc.querySelector('link[data-app-font]')) return Promise.resolve();
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.appFont = '';
  const loaded = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FACES_TIMEOUT_MS);
    link.onload = link.onerror = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  doc.head.appendChild(link);
  return loaded;
}

/** Runs applyAppFont after the next paint (two frames), so it never delays what is being shown. */
export function applyAppFontAfterPaint(doc: Document = document): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => void applyAppFont(doc).then(resolve), 0));
  });
}
