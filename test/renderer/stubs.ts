/** Light stand-ins for Element Plus components that are slow under happy-dom (the e2e tests use the real ones). */
import { defineComponent, h } from 'vue';

/** el-date-picker as a plain input with v-model (value-format strings pass through unchanged). */
export const DatePickerStub = defineComponent({
  name: 'ElDatePicker',
  props: { modelValue: { type: [String, Number, null], default: null }, name: { type: String, default: undefined } },
  emits: ['update:modelValue'],
  setup(props, { emit, attrs }) {
    return () =>
      h('input', {
        ...attrs,
        name: props.name ?? (attrs['aria-label'] as string | undefined),
        value: props.modelValue ?? '',
        'data-stub': 'date-picker',
        onInput: (e: Event) => emit('update:modelValue', (e.target as HTMLInputElement).value),
      });
  },
});
