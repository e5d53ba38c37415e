import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { FrameLoader } from '../components/page-loader.component';
import { AppRoutes } from './app-routes';
import { ErrorBoundary } from './error-boundary.component';
import { LanguageSync } from './language-sync.component';
import { ScrollOnNavigate } from './scroll-on-navigate.component';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    // No Mantine provider here: the pages get theirs (app-routes, MantineOutlet), and the log screen,
    // the counter phone's first screen, draws plain elements without it (main.tsx).
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
  );
}
