import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationsHost } from '../components/notifications-host.component';
import { PageLoader } from '../components/page-loader.component';
import { useIsPhone } from '../components/use-is-phone';
import { NotificationsBell } from '../features/notifications/notifications-bell.component';
import { applyUpdate } from './app-update';
import { lazyIsland } from './mantine-island';
import { activeNavPath, visibleNavSections } from './nav.config';
import { useOutbox } from './outbox';
import { ConnectionStatus, UpdateBanner, useOutboxSender } from './outbox-sender.component';
import { useSignedInMe } from './use-me';

const ShellMenu = lazyIsland(() => import('./shell-menu.component').then((m) => m.ShellMenu));

/**
 * The frame of every signed-in page: a sidebar on a laptop, a burger menu on a phone. The header and
 * the page's frame are plain elements (light.css); the menu is Mantine's, in a chunk of its own, drawn
 * on a phone only once opened (a slow phone has better things to do).
 */
export function ShellLayout() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const location = useLocation();
  const phone = useIsPhone();
  const [menuOpened, setMenuOpened] = useState(false);
  const sections = visibleNavSections(me.member?.roles ?? []);
  const organizationName = me.activeOrganization?.name;
  const currentPath = activeNavPath(sections, location.pathname);
  const memberId = me.member?.id;
  useOutboxSender(memberId);
  const unsent = useOutbox(memberId).length;

  // On a phone the menu closes once a page is chosen; a page change is also a safe moment to take up a new version.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change is the trigger
  useEffect(() => {
    setMenuOpened(false);
    applyUpdate();
  }, [location.pathname]);

  return (
    <>
      {/* Toasts at the bottom: at the top right they covered the bell. */}
      <NotificationsHost position={phone ? 'bottom-center' : 'bottom-right'} />
      <header className="kw-header">
        <button
          type="button"
          className="kw-burger"
          onClick={() => setMenuOpened((o) => !o)}
          aria-label={menuOpened ? t('shell.closeMenu') : t('shell.openMenu')}
          aria-expanded={menuOpened}
          aria-controls="main-menu"
        >
          <span />
          <span />
          <span />
        </button>
        <Link to="/" className="kw-brand">
          Klantwerk
        </Link>
        {organizationName && <span className="kw-org">{organizationName}</span>}
        <div className="kw-header-end">
          <ConnectionStatus memberId={memberId} />
          {me.member && <NotificationsBell />}
        </div>
      </header>

      {(!phone || menuOpened) && (
        <Suspense fallback={null}>
          <ShellMenu
            sections={sections}
            currentPath={currentPath}
            phone={phone}
            menuOpened={menuOpened}
            unsent={unsent}
          />
        </Suspense>
      )}

      <main className="kw-main">
        <div className="kw-page">
          <UpdateBanner />
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </>
  );
}
