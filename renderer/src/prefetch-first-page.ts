/**
 * main.ts imports this first: the list's first page is asked for before the rest of the app's modules are
 * evaluated and the shell is mounted, so the core answers meanwhile and the first rows do not wait for a round
 * trip after the mount (stores/first-page.ts).
 */
import { prefetchFirstPage } from './stores/first-page';

prefetchFirstPage();
