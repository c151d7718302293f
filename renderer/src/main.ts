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
import { useOrderListStore } from './stores/order-list';
import { firstPageOrDeadline } from './stores/first-page';

const pinia = createPinia();
const app = createApp(App).use(pinia).use(createAppI18n()).use(elementPlus);
// The shell mounts with the list's first page in hand (asked for by the first import): one render with the rows,
// instead of a render of the empty shell, a frame, and a second pass when the answer comes. An error is the
// list's, shown once mounted; a core slow to answer holds the shell back FIRST_PAGE_WAIT_MS at most.
void firstPageOrDeadline(useOrderListStore(pinia).search({})).then(() => app.mount('#app'));
