/**
 * The Element Plus components the app uses, registered by name. Importing them one by one (instead of
 * app.use(ElementPlus)) leaves the unused part of the library out of the bundle, which shortens startup.
 * test/renderer/element-plus-registry.test.ts fails when a template uses an <el-…> tag missing here.
 */
import type { App, Component } from 'vue';
import {
  ElAlert,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElCheckboxGroup,
  ElConfigProvider,
  ElDatePicker,
  ElDialog,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElLoading,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElSelect,
  ElStep,
  ElSteps,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTableV2,
  ElTabs,
  ElTag,
  ElUpload,
} from 'element-plus';

export const ELEMENT_COMPONENTS: Record<string, Component> = {
  ElAlert,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElCheckboxGroup,
  ElConfigProvider,
  ElDatePicker,
  ElDialog,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElSelect,
  ElStep,
  ElSteps,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTableV2,
  ElTabs,
  ElTag,
  ElUpload,
};

export const elementPlus = {
  install(app: App): void {
    for (const [name, component] of Object.entries(ELEMENT_COMPONENTS)) app.component(name, component);
    app.use(ElLoading); // v-loading
  },
};
