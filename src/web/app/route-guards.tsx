import { lazy, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import type { Role } from '../../contracts/constants';
import { NoAccessPage } from '../components/status-pages.component';
import { goToSignIn } from './sign-in-page';
import { useHasRole, useMe } from './use-me';

const ShellLayout = lazy(() => import('./shell.layout').then((m) => ({ default: m.ShellLayout })));

/** Only same-site paths: "/members", never "//evil.example" or "https://...". */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Signed-in pages: without a session, off to the sign-in page, and back here afterwards. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (!me) goToSignIn(here);
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
