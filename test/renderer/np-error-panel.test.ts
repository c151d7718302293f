/** NP後払いエラー情報: every code with its Japanese meaning and what to do, and the show/hide toggle. */
import { beforeEach, describe, expect, it } from 'vitest';
import NpErrorPanel from '../../renderer/src/features/order-edit/NpErrorPanel.vue';
import { describeNpCode } from '../../shared/np/codes';
import { freshPinia, mountApp } from './helpers';
import { codes } from './np-info';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('NpErrorPanel', () => {
  it('lists each code with its meaning and what to do', () => {
    const errors = codes('E0100050', 'E0100066', 'E9999999');
    const w = mountApp(NpErrorPanel, { props: { errors } });
    const items = w.findAll('[data-test="np-error-list"] li');
    expect(items.map((i) => i.attributes('data-code'))).toEqual(['E0100050', 'E0100066', 'E9999999']);
    expect(items[0]!.text()).toContain('購入者氏名が全角21文字を超えています');
    expect(items[0]!.text()).toContain(describeNpCode('E0100050').action);
    expect(items[1]!.text()).toContain('11桁');
    // an unknown code still gets a Japanese explanation
    expect(items[2]!.text()).toContain('NPから未知のエラーコード「E9999999」が返されました');
    expect(w.text()).toContain('3件のエラーがあります');
  });

  it('hides and shows the list with the toggle', async () => {
    const w = mountApp(NpErrorPanel, { props: { errors: codes('E0100113') } });
    const toggle = w.find('[data-test="np-errors-toggle"]');
    expect(toggle.text()).toBe('エラー情報非表示');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    await toggle.trigger('click');
    expect(w.find('[data-test="np-error-list"]').exists()).toBe(false);
    expect(toggle.text()).toBe('エラー情報表示');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(w.text()).toContain('1件のエラーがあります');
    await toggle.trigger('click');
    expect(w.find('[data-test="np-error-list"]').text()).toContain('E0100113');
  });

  it('can start hidden, and says so plainly when there is no error', async () => {
    const hidden = mountApp(NpErrorPanel, { props: { errors: codes('E0100059'), initiallyOpen: false } });
    expect(hidden.find('[data-test="np-error-list"]').exists()).toBe(false);
    const none = mountApp(NpErrorPanel, { props: { errors: [] } });
    expect(none.text()).toContain('エラーはありません');
    expect(none.find('[data-test="np-errors-toggle"]').exists()).toBe(false);
  });
});
