/**
 * The renderer's entry: Pinia, vue-i18n (Japanese first), Element Plus (the components we use), the bundled Noto Sans JP (served from
 * 'self', as the CSP demands) and the base styles.
 */
import './prefetch-first-page'; // first: the core answers while the rest loads
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles/base.css';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { elementPlus } from './element-plus';

createApp(App).use(createPinia()).use(createAppI18n()).use(elementPlus).mount('#app');
