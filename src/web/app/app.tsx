import { MantineProvider } from '@mantine/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { FrameLoader } from '../components/page-loader.component';
import { AppRoutes } from './app-routes';
import { ErrorBoundary } from './error-boundary.component';
import { LanguageSync } from './language-sync.component';
import { ScrollOnNavigate } from './scroll-on-navigate.component';
import { cssVariablesResolver, theme } from './theme';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <LanguageSync />
            <ScrollOnNavigate />
            <Suspense fallback={<FrameLoader />}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
