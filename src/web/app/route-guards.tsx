import { lazy, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Role } from '../../contracts/constants';
import { lazyIsland } from './mantine-island';
import { goToSignIn } from './sign-in-page';
import { fetchConfig } from './use-config';
import { useHasRole, useMe } from './use-me';

const ShellLayout = lazy(() => import('./shell.layout').then((m) => ({ default: m.ShellLayout })));
const NoAccessPage = lazyIsland(() => import('../components/status-pages.component').then((m) => m.NoAccessPage));

/** Only same-site paths: "/members", never "//evil.example" or "https://...". */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/**
 * Signed-in pages: without a session, off to the sign-in page, and back here afterwards. On a server
 * with no organisation at all there is no one to sign in: the start page leads to creating one.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const here = `${location.pathname}${location.search}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per signed-out state; the address it sends back to is read when it runs
  useEffect(() => {
    if (me) return;
    let current = true;
    const toSignIn = () => {
      if (current) goToSignIn(here);
    };
    if (location.pathname !== '/') {
      toSignIn();
      return;
    }
    fetchConfig()
      .then((config) => {
        if (!current) return;
        if (config.emptyInstance && config.signUpEnabled) navigate('/sign-up', { replace: true });
        else toSignIn();
      })
      .catch(toSignIn);
    return () => {
      current = false;
    };
  }, [me, here]);
  return me ? <ShellLayout /> : null;
}

/** Sign-in, sign-up, forgot password: a signed-in person goes on to where they were heading. */
export function PublicOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return <Outlet />;
}

export function RequireRoles({ roles }: { roles: readonly Role[] }) {
  return useHasRole(roles) ? <Outlet /> : <NoAccessPage />;
}
