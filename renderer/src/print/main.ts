/**
 * The 納品書 print view's entry (print.html): its own small app — no Element Plus, the bundled Noto Sans JP
 * from the first layout (it prints in that font) and the print CSS (@page A4).
 */
import { createApp } from 'vue';
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './print.css';
import PrintView from './PrintView.vue';
import { createAppI18n } from '../i18n';

// A 納品書 is a Japanese business document for the buyer: the print view is Japanese whatever the app's UI language.
createApp(PrintView).use(createAppI18n('ja')).mount('#print');
