import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppFailed } from './app/app-failed.component';
import { initI18n, preloadCatalog, storedLanguage } from './app/i18n';
import { createQueryClient } from './app/query-client';
import { queryKeys } from './app/query-keys';
import { theme } from './app/theme';
import { fetchConfig } from './app/use-config';
import { fetchMe } from './app/use-me';

/**
 * Start: runtime config and the session in parallel (the likely catalog too), then the language:
 * the person's when signed in, else the one chosen in this browser, else the server's default.
 */
async function bootstrap(container: HTMLElement) {
  const root = createRoot(container);
  const queryClient = createQueryClient();
  preloadCatalog(storedLanguage() ?? 'nl');
  try {
    const [config, me] = await Promise.all([fetchConfig(), fetchMe()]);
    queryClient.setQueryData(queryKeys.config, config);
    queryClient.setQueryData(queryKeys.me, me);
    await initI18n(me?.language ?? storedLanguage() ?? config.defaultLanguage);
    root.render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    await initI18n(storedLanguage() ?? 'nl').catch(() => undefined);
    root.render(
      <MantineProvider theme={theme}>
        <AppFailed unreachable />
      </MantineProvider>,
    );
  }
}

const container = document.getElementById('root');
if (container) void bootstrap(container);
