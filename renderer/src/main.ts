/**
 * The renderer's entry: Pinia, vue-i18n (Japanese first), Element Plus (the components we use) and the base
 * styles. The bundled Noto Sans JP (served from 'self', as the CSP demands) is linked by app-font.ts after the
 * first paint.
 */
import './prefetch-first-page'; // first: the core answers while the rest loads
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/base.css';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { elementPlus } from './element-plus';

createApp(App).use(createPinia()).use(createAppI18n()).use(elementPlus).mount('#app');
