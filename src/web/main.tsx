// Only Mantine's base (its CSS variables, a reset, focus rings), our theme's variables and the first
// screen's own small stylesheet: the shell and the log screen draw plain elements without Mantine's
// provider; the provider and Mantine's whole stylesheet come with the other pages (app/mantine-root.tsx).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import './app/theme-variables.css';
import './app/light.css';
import { onlineManager } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Me } from '../contracts/auth.contract';
import type { Language } from '../contracts/constants';
import { isApiError } from './app/api-client';
import { App } from './app/app';
import { AppFailed } from './app/app-failed.component';
import { prefetchAnswersForPath, preloadForPath } from './app/app-routes';
import { registerServiceWorker } from './app/app-update';
import { initI18n, preloadCatalog, storedLanguage } from './app/i18n';
import { keepLastKnown, restoreLastKnown } from './app/last-known';
import { createQueryClient } from './app/query-client';
import { queryKeys } from './app/query-keys';
import { drawChangesInTasks, nextTask } from './app/render-tasks';
import { fetchConfig } from './app/use-config';
import { fetchMe } from './app/use-me';

/** No answer at all, or a proxy in front of an app that is down: the app can open on what it last knew. */
const unreachable = (error: unknown) =>
  !isApiError(error) || error.status === 0 || (error.status >= 502 && error.status <= 504);

/**
 * Start: runtime config and the session in parallel (the likely catalog, and the log screen's answers too), then the language:
 * the person's when signed in, else the one chosen in this browser, else the server's default.
 * Without a connection, the app opens on what it last knew (the log screen works offline).
 * The requests start in three short tasks rather than one long one (a slow phone stays responsive, and
 * the first requests leave sooner): the session and config first, as the first drawing waits for them;
 * then the code and words of the page; then its answers.
 */
async function bootstrap(container: HTMLElement) {
  const root = createRoot(container);
  const queryClient = createQueryClient();
  // TanStack Query assumes a connection until told otherwise: without one, queries wait instead of failing.
  onlineManager.setOnline(navigator.onLine);
  const knewSomeone = restoreLastKnown(queryClient);
  keepLastKnown(queryClient);
  const answers = Promise.all([fetchConfig(), fetchMe()]);
  // Awaited two tasks later (below), where a refusal is handled: offline it can come sooner, and the
  // browser would report it as unhandled in between.
  answers.catch(() => undefined);
  await nextTask();
  preloadCatalog(storedLanguage() ?? 'nl');
  preloadForPath(window.location.pathname);
  await nextTask();
  prefetchAnswersForPath(window.location.pathname);
  try {
    let language: Language;
    try {
      const [config, me] = await answers;
      queryClient.setQueryData(queryKeys.config, config);
      queryClient.setQueryData(queryKeys.me, me);
      language = me?.language ?? storedLanguage() ?? config.defaultLanguage;
    } catch (error) {
      const known = queryClient.getQueryData<Me | null>(queryKeys.me);
      if (!knewSomeone || !known || !queryClient.getQueryData(queryKeys.config) || !unreachable(error)) throw error;
      language = known.language;
    }
    await initI18n(language);
    // The words set up, then the first drawing in a task of its own.
    await nextTask();
    root.render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    await initI18n(storedLanguage() ?? 'nl').catch(() => undefined);
    root.render(<AppFailed unreachable />);
  }
}

// Off the main thread, while the code and answers below are on their way (see the worker).
new Worker(new URL('./app/intl-warmup.worker.ts', import.meta.url), { type: 'module' });
drawChangesInTasks();
const container = document.getElementById('root');
// After the task that ran the app's code: the start in a task of its own.
if (container) void nextTask().then(() => bootstrap(container));
registerServiceWorker();
