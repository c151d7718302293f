/** The application menu with the usual Japanese items, and 「ログフォルダを開く」 for support. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternalSafely } from './navigation';

export const NP_MERCHANT_SITE = 'https://www.np-atobarai.jp/';

export interface MenuActions {
  /** Shows the folder of the log files (electron/main/logging.ts). */
  openLogFolder(): void;
}

export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about', label: `${appName}について` },
        { type: 'separator' },
        { role: 'hide', label: `${appName}を隠す` },
        { role: 'hideOthers', label: 'ほかを隠す' },
        { role: 'unhide', label: 'すべてを表示' },
        { type: 'separator' },
        { role: 'quit', label: `${appName}を終了` },
      ],
    });
  }
  template.push(
    { label: 'ファイル', submenu: [mac ? { role: 'close', label: 'ウインドウを閉じる' } : { role: 'quit', label: '終了' }] },
    {
      label: '編集',
      submenu: [
        { role: 'undo', label: '取り消す' },
        { role: 'redo', label: 'やり直す' },
        { type: 'separator' },
        { role: 'cut', label: '切り取り' },
        { role: 'copy', label: 'コピー' },
        { role: 'paste', label: '貼り付け' },
        { role: 'selectAll', label: 'すべてを選択' },
      ],
    },
    {
      label: '表示',
      submenu: [
        { role: 'reload', label: '再読み込み' },
        { type: 'separator' },
        { role: 'resetZoom', label: '実際のサイズ' },
        { role: 'zoomIn', label: '拡大' },
        { role: 'zoomOut', label: '縮小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'フルスクリーン' },
      ],
    },
    { label: 'ウインドウ', submenu: [{ role: 'minimize', label: '最小化' }, { role: 'zoom', label: '拡大/縮小' }] },
    {
      label: 'ヘルプ',
      submenu: [
        { label: 'NP後払い 加盟店サイトを開く', click: () => void openExternalSafely(NP_MERCHANT_SITE) },
        { type: 'separator' },
        { label: 'ログフォルダを開く', click: () => actions.openLogFolder() },
      ],
    },
  );
  return template;
}

export function installMenu(appName: string, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, appName, actions)));
}
