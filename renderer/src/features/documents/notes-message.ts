/** The message after 「帳票出力」 / 「帳票を一括出力」, shown by the toolbar and the edit dialog alike. */
import { ElMessage } from 'element-plus';
import type { NotesOutcome } from '../../stores/documents';

type Translate = (key: string, values?: Record<string, unknown>) => string;

export function showNotesOutcome(t: Translate, outcome: NotesOutcome): void {
  switch (outcome.status) {
    case 'done':
      if (outcome.filePath) ElMessage.success(t('documents.toolbar.saved', { n: outcome.count, path: outcome.filePath }));
      else ElMessage.success(t('documents.toolbar.done', { n: outcome.count }));
      break;
    case 'cancelled':
      ElMessage.info(t('documents.toolbar.cancelled'));
      break;
    case 'popup_blocked':
      ElMessage.error(t('documents.toolbar.popupBlocked'));
      break;
    case 'browser':
      break; // the print tab shows what happens next
  }
}
