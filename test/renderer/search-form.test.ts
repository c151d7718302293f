/**
 * The search form: what staff type becomes the contract's criteria (blank inputs left out), Enter searches,
 * wrong inputs are reported next to the field in Japanese and nothing is searched, clear empties everything.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { OrderSearchCriteriaSchema } from '../../shared/search';
import SearchForm from '../../renderer/src/features/orders/SearchForm.vue';
import { buildFilters, emptySearchModel } from '../../renderer/src/features/orders/search-model';
import type { SearchFilters } from '../../renderer/src/stores/order-list';
import { freshPinia, mountApp as mountWithPlugins, settle } from './helpers';
import { DatePickerStub } from './stubs';

/** Element Plus's date picker is slow to mount under happy-dom; a v-model input stands in (e2e uses the real one). */
const mountApp = (c: typeof SearchForm) => mountWithPlugins(c, { global: { stubs: { ElDatePicker: DatePickerStub } } });

beforeEach(() => {
  document.body.innerHTML = '';
  // Opened: 「詳細な条件」 is built only once opened (day-work.test.ts covers the folded form).
  localStorage.setItem('atobarai.searchForm.expanded', '1');
  freshPinia();
});

async function type(wrapper: ReturnType<typeof mountApp>, name: string, value: string): Promise<void> {
  await wrapper.find(`input[name="${name}"]`).setValue(value);
}

async function check(wrapper: ReturnType<typeof mountApp>, groupName: string, label: string): Promise<void> {
  const box = wrapper.find(`[data-filter="${groupName}"]`).findAll('label.el-checkbox').find((l) => l.text() === label);
  if (!box) throw new Error(`no checkbox ${groupName}/${label}`);
  await box.find('input').setValue(true);
}

function lastSearch(wrapper: ReturnType<typeof mountApp>): SearchFilters {
  const events = wrapper.emitted('search') as [SearchFilters][] | undefined;
  if (!events?.length) throw new Error('no search emitted');
  return events[events.length - 1]![0];
}

describe('buildFilters', () => {
  it('leaves every blank input out', () => {
    expect(buildFilters(emptySearchModel())).toEqual({});
  });

  it('maps each input to its criteria field, ranges with open ends', () => {
    const m = emptySearchModel();
    Object.assign(m, {
      orderNoFrom: ' 1001 ',
      statuses: ['new', 'shipped'],
      name: '山田',
      kana: 'ヤマダ',
      email: 'a@example.jp',
      tel: '090-1234-5678',
      birthDateTo: '1990-12-31',
      genders: ['female'],
      hasNote: true,
      paymentMethods: ['np_atobarai'],
      orderedAtFrom: '2026-11-01',
      orderedAtTo: '2026-11-30',
      updatedAtFrom: '2026-11-10',
      shippedAtTo: '2026-11-20',
      totalFrom: '1,000',
      totalTo: '50000',
      goods: '緑茶',
      npStatuses: ['hold', 'none'],
      invoiceTypes: ['bundled'],
    });
    const f = buildFilters(m);
    expect(f).toEqual({
      orderNo: { from: '1001' },
      statuses: ['new', 'shipped'],
      name: '山田',
      kana: 'ヤマダ',
      email: 'a@example.jp',
      tel: '090-1234-5678',
      birthDate: { to: '1990-12-31' },
      genders: ['female'],
      hasNote: true,
      paymentMethods: ['np_atobarai'],
      orderedAt: { from: '2026-11-01', to: '2026-11-30' },
      updatedAt: { from: '2026-11-10' },
      shippedAt: { to: '2026-11-20' },
      total: { from: '1,000', to: '50000' },
      goods: '緑茶',
      npStatuses: ['hold', 'none'],
      invoiceTypes: ['bundled'],
    });
    // …and the contract's schema accepts what the form builds.
    expect(OrderSearchCriteriaSchema.safeParse(f).success).toBe(true);
  });
});

describe('SearchForm', () => {
  it('builds the criteria from the inputs and searches on the button', async () => {
    const w = mountApp(SearchForm);
    await type(w, 'orderNoFrom', '100');
    await type(w, 'orderNoTo', '200');
    await type(w, 'name', '佐藤');
    await type(w, 'tel', '03-1234-5678');
    await type(w, 'totalFrom', '３０００');
    await check(w, 'statuses', '新規受付');
    await check(w, 'paymentMethods', 'NP後払い');
    await check(w, 'invoiceTypes', '同梱');
    await check(w, 'genders', '女性');
    await w.find('input[name="hasNote"]').setValue(true);
    await w.find('[data-test="search-submit"]').trigger('click');
    expect(lastSearch(w)).toEqual({
      orderNo: { from: '100', to: '200' },
      name: '佐藤',
      tel: '03-1234-5678',
      total: { from: '３０００' },
      statuses: ['new'],
      paymentMethods: ['np_atobarai'],
      invoiceTypes: ['bundled'],
      genders: ['female'],
      hasNote: true,
    });
  });

  it('searches when Enter is pressed in a text field', async () => {
    const w = mountApp(SearchForm);
    await type(w, 'kana', 'タナカ');
    await w.find('input[name="kana"]').trigger('keydown', { key: 'Enter' });
    expect(lastSearch(w)).toEqual({ kana: 'タナカ' });
  });

  it('does not search during IME composition (Enter confirms the kana)', async () => {
    const w = mountApp(SearchForm);
    await type(w, 'kana', 'たなか');
    await w.find('input[name="kana"]').trigger('keydown', { key: 'Enter', isComposing: true });
    expect(w.emitted('search')).toBeUndefined();
  });

  it('shows a Japanese message next to a wrong field and does not search', async () => {
    const w = mountApp(SearchForm);
    await type(w, 'totalFrom', '5000');
    await type(w, 'totalTo', '100');
    await w.find('[data-test="search-submit"]').trigger('click');
    expect(w.emitted('search')).toBeUndefined();
    const err = w.find('.has-error .error');
    expect(err.text()).toBe('購入金額の開始が終了より後になっています');
    await type(w, 'totalTo', 'たくさん');
    await w.find('[data-test="search-submit"]').trigger('click');
    expect(w.find('.has-error .error').text()).toBe('購入金額（終了）は0以上の整数で入力してください');
    await type(w, 'totalTo', '9000');
    await w.find('[data-test="search-submit"]').trigger('click');
    expect(lastSearch(w)).toEqual({ total: { from: '5000', to: '9000' } });
    expect(w.find('.has-error').exists()).toBe(false);
  });

  it('clear empties every input and asks for the unfiltered list', async () => {
    const w = mountApp(SearchForm);
    await type(w, 'name', '佐藤');
    await check(w, 'statuses', 'キャンセル');
    await w.find('[data-test="search-clear"]').trigger('click');
    await settle();
    expect(w.emitted('clear')).toHaveLength(1);
    expect((w.find('input[name="name"]').element as HTMLInputElement).value).toBe('');
    await w.find('[data-test="search-submit"]').trigger('click');
    expect(lastSearch(w)).toEqual({});
  });

  it('offers every filter of the seed', () => {
    const w = mountApp(SearchForm);
    const text = w.text();
    for (const label of ['注文番号', '対応状況', 'お名前', 'お名前(フリガナ)', 'メールアドレス', 'TEL', '生年月日', '性別', '備考欄にメッセージが含まれているデータ', '支払方法', '受注日', '更新日', '発送日', '購入金額', '購入商品', 'NP後払いステータス', '請求書区分', 'この条件で検索する']) {
      expect(text).toContain(label);
    }
    for (const s of ['決済処理中', '新規受付', '入金待ち', '入金済み', 'キャンセル', '取り寄せ中', '発送済み', 'AmazonPay', 'クレジットカード', '代金引換', '同梱', '別送']) {
      expect(text).toContain(s);
    }
  });
});
