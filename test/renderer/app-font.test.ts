/**
 * The bundled font is switched on only after the subsets for the text on screen are loaded (one relayout
 * instead of one per arriving subset), and the switch happens even when loading fails.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_FONT_CLASS, applyAppFont } from '../../renderer/src/app-font';

const FACES = '/assets/app-font-test.css';

interface LoadCall {
  font: string;
  text: string;
  settle: (ok: boolean) => void;
}

/** The document with a FontFaceSet whose loads the test settles by hand. */
function documentWithFonts(): { doc: Document; calls: LoadCall[] } {
  const calls: LoadCall[] = [];
  const fonts = {
    load: (font: string, text: string) =>
      new Promise<FontFace[]>((resolve, reject) => calls.push({ font, text, settle: (ok) => (ok ? resolve([]) : reject(new Error('network'))) })),
  };
  Object.defineProperty(document, 'fonts', { value: fonts, configurable: true });
  return { doc: document, calls };
}

beforeEach(() => {
  document.documentElement.classList.remove(APP_FONT_CLASS);
  for (const link of document.querySelectorAll('link[data-app-font]')) link.remove();
  document.body.innerHTML = '<h1>受注管理</h1><p>長谷川 陽子 8,362円</p>';
});

describe('applyAppFont', () => {
  it('loads both weights for the text on screen, then switches the document to the bundled font', async () => {
    const { doc, calls } = documentWithFonts();
    const done = applyAppFont(doc, FACES);
    // The faces are declared by a stylesheet linked only now (not parsed at launch). happy-dom loads no CSS and
    // reports an error at once; the switch goes on after it (Chromium: after the stylesheet has loaded).
    const links = doc.querySelectorAll<HTMLLinkElement>('link[data-app-font]');
    expect(links).toHaveLength(1);
    expect(links[0]!.rel).toBe('stylesheet');
    expect(links[0]!.getAttribute('href')).toBe(FACES);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((c) => c.font)).toEqual(['400 14px "Noto Sans JP"', '700 14px "Noto Sans JP"']);
    expect(calls[0]!.text).toContain('長谷川 陽子');
    expect(calls[0]!.text).toContain('受注管理');
    calls[0]!.settle(true);
    await Promise.resolve();
    expect(doc.documentElement.classList.contains(APP_FONT_CLASS)).toBe(false); // still waiting for the bold faces
    calls[1]!.settle(true);
    await done;
    expect(doc.documentElement.classList.contains(APP_FONT_CLASS)).toBe(true);
  });

  it('still switches when a subset fails to load (the browser falls back per character)', async () => {
    const { doc, calls } = documentWithFonts();
    const done = applyAppFont(doc, FACES);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    calls[0]!.settle(false);
    await done;
    expect(doc.documentElement.classList.contains(APP_FONT_CLASS)).toBe(true);
  });

  it('does nothing once switched', async () => {
    const { doc, calls } = documentWithFonts();
    doc.documentElement.classList.add(APP_FONT_CLASS);
    await applyAppFont(doc);
    expect(calls).toHaveLength(0);
  });
});
