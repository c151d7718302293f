/**
 * The Element Plus components of the first screen (header, sync bar, search form, order table), registered
 * by name for every template. Everything else — dialogs, forms, tables of the other screens, the date
 * picker, v-loading — is imported by the component that uses it, so it lands in that component's lazily
 * loaded chunk instead of the startup bundle.
 * test/renderer/element-plus-registry.test.ts fails when a template uses an <el-…> tag that is neither
 * registered here nor imported by its file.
 */
import type { App, Component } from 'vue';
import {
  ElAlert,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElCheckboxGroup,
  ElConfigProvider,
  ElIcon,
  ElInput,
  ElOption,
  ElProgress,
  ElSelect,
  ElTableV2,
} from 'element-plus';

export const ELEMENT_COMPONENTS: Record<string, Component> = {
  ElAlert,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElCheckboxGroup,
  ElConfigProvider,
  ElIcon,
  ElInput,
  ElOption,
  ElProgress,
  ElSelect,
  ElTableV2,
};

export const elementPlus = {
  install(app: App): void {
    for (const [name, component] of Object.entries(ELEMENT_COMPONENTS)) app.component(name, component);
  },
};
