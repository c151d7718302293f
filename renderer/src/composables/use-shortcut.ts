/**
 * Window-level keyboard shortcuts for the lifetime of a component. The handler returns true when it used the
 * key (the browser's default, e.g. its own find bar on Ctrl+F, is then prevented). While a modal dialog is
 * open, shortcuts of the screen behind it stay quiet unless `whileModal` is set.
 */
import { onBeforeUnmount, onMounted } from 'vue';

export type ShortcutHandler = (e: KeyboardEvent) => boolean;

export function isModalOpen(): boolean {
  // Overlays are position: fixed (offsetParent is always null): ask for a layout box instead.
  return Array.from(document.querySelectorAll<HTMLElement>('.el-overlay')).some((el) => el.style.display !== 'none' && el.getClientRects().length > 0);
}

export function useShortcut(handler: ShortcutHandler, options: { whileModal?: boolean } = {}): void {
  const listener = (e: KeyboardEvent): void => {
    if (e.isComposing || e.defaultPrevented) return;
    if (!options.whileModal && isModalOpen()) return;
    if (handler(e)) e.preventDefault();
  };
  onMounted(() => window.addEventListener('keydown', listener));
  onBeforeUnmount(() => window.removeEventListener('keydown', listener));
}
