/** After a refused save: bring the first field with an error (or an NP warning) into view. */
import { nextTick } from 'vue';

export async function scrollToFirstError(root: ParentNode = document): Promise<void> {
  await nextTick();
  root.querySelector<HTMLElement>('.el-form-item.is-error, .el-form-item.is-np-warning')?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
}
