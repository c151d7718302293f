/**
 * The search form's date fields: a look-alike input until staff reach for the field, then Element Plus's
 * real picker (which renders its whole calendar as soon as it mounts). The value survives the swap both ways.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import DeferredDatePicker from '../../renderer/src/features/orders/DeferredDatePicker.vue';
import { freshPinia, mountApp, settle } from './helpers';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

function mountField(initial: string) {
  const value = ref(initial);
  const Host = defineComponent({
    setup: () => () =>
      h(DeferredDatePicker, { modelValue: value.value, 'onUpdate:modelValue': (v: string) => (value.value = v), placeholder: '開始', ariaLabel: '受注日 開始', name: 'orderedAtFrom' }),
  });
  return { wrapper: mountApp(Host), value };
}

const pickerPanels = () => document.querySelectorAll('.el-picker-panel').length;

describe('DeferredDatePicker', () => {
  it('shows the value as YYYY/MM/DD without mounting the picker', async () => {
    const { wrapper } = mountField('2026-11-03');
    await settle();
    const input = wrapper.find('input[name="orderedAtFrom"]');
    expect((input.element as HTMLInputElement).value).toBe('2026/11/03');
    expect(input.attributes('aria-label')).toBe('受注日 開始');
    expect(wrapper.find('[data-deferred-picker]').exists()).toBe(true);
    expect(pickerPanels()).toBe(0);
  });

  it('swaps in the real picker when focused, keeping the value, and a pick updates the model', async () => {
    const { wrapper, value } = mountField('2026-11-03');
    (wrapper.find('input[name="orderedAtFrom"]').element as HTMLInputElement).focus();
    await settle();
    expect(wrapper.find('[data-deferred-picker]').exists()).toBe(false);
    expect(pickerPanels()).toBe(1);
    const real = wrapper.find('input[name="orderedAtFrom"]');
    expect((real.element as HTMLInputElement).value).toBe('2026/11/03');
    expect(document.activeElement).toBe(real.element);
    // Typing a date into the real picker and confirming with Enter sets the model in the form's format.
    await real.setValue('2026/12/24');
    await real.trigger('keydown', { code: 'Enter', key: 'Enter' });
    await settle();
    expect(value.value).toBe('2026-12-24');
  });

  it('a press on the look-alike mounts the picker too', async () => {
    const { wrapper } = mountField('');
    await wrapper.find('.deferred-date').trigger('mousedown');
    await settle();
    expect(wrapper.find('[data-deferred-picker]').exists()).toBe(false);
    expect(pickerPanels()).toBe(1);
  });
});
