/**
 * electron-updater, the documented way: the feed comes from electron-builder.yml `publish` (generic provider,
 * written into the package as app-update.yml), autoDownload in the background, autoInstallOnAppQuit, and our
 * decisions (electron/updates/update-controller.ts): when to check, and never restarting during a sync or an
 * import. The prompt is a Japanese dialog: 「新しいバージョンがあります — 再起動して更新」.
 */
import { app, BrowserWindow, dialog } from 'electron';
import electronUpdater from 'electron-updater';
import type { CoreActivity } from '../core/app/activity';
import type { Logger } from '../core/app/logger';
import { createUpdateController, updatesAllowed, UPDATE_PROMPT_TITLE, type PromptAnswer, type UpdateController } from '../updates/update-controller';

export interface UpdaterCore {
  activity(): CoreActivity;
  isDemo(): boolean;
}

async function promptRestart(appName: string, version: string): Promise<PromptAnswer> {
  const options = {
    type: 'info' as const,
    title: appName,
    message: UPDATE_PROMPT_TITLE,
    detail: `バージョン ${version} をダウンロードしました。再起動すると更新されます。「あとで」を選ぶと、次にアプリを終了したときに更新されます。`,
    buttons: ['再起動して更新', 'あとで'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const owner = BrowserWindow.getAllWindows()[0];
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  return response === 0 ? 'restart' : 'later';
}

export function startUpdater(core: UpdaterCore, log: Logger, appName: string): UpdateController {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = log;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  const controller = createUpdateController({
    allowed: () => updatesAllowed({ isPackaged: app.isPackaged, demo: core.isDemo(), env: process.env }),
    check: () => autoUpdater.checkForUpdates(),
    activity: () => core.activity(),
    prompt: (version) => promptRestart(appName, version),
    install: () => autoUpdater.quitAndInstall(),
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    log,
  });
  autoUpdater.on('update-downloaded', (info) => controller.downloaded(info.version));
  autoUpdater.on('error', (e) => log.warn('updater error', e));
  controller.start();
  return controller;
}
