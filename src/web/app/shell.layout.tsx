import { AppShell, Burger, Button, Group, NativeSelect, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../components/page-loader.component';
import { ConfirmModal } from '../components/confirm.modal';
import { ProblemAlert } from '../components/problem-alert.component';
import { useIsPhone } from '../components/use-is-phone';
import { NotificationsBell } from '../features/notifications/notifications-bell.component';
import { applyUpdateIfWaiting } from './app-update';
import { activeNavPath, visibleNavSections } from './nav.config';
import { useOutbox } from './outbox';
import { ConnectionStatus, UpdateBanner, useOutboxSender } from './outbox-sender.component';
import { useConfig } from './use-config';
import { useSignedInMe } from './use-me';
import { useSignOut, useSwitchOrganization } from './use-session-actions';

/** The frame of every signed-in page: a sidebar on a laptop, a burger menu on a phone. */
export function ShellLayout() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const config = useConfig();
  const location = useLocation();
  const phone = useIsPhone();
  const [menuOpened, menu] = useDisclosure(false);
  const signOut = useSignOut();
  const switchOrganization = useSwitchOrganization();
  const sections = visibleNavSections(me.member?.roles ?? []);
  const organizationName = me.activeOrganization?.name;
  const currentPath = activeNavPath(sections, location.pathname);
  const memberId = me.member?.id;
  useOutboxSender(memberId);
  const unsent = useOutbox(memberId).length;
  const [askSignOut, setAskSignOut] = useState(false);

  // On a phone the menu closes once a page is chosen; a page change is also a safe moment to take up a new version.
  useEffect(() => {
    menu.close();
    applyUpdateIfWaiting();
  }, [location.pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !menuOpened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <Notifications position={phone ? 'bottom-center' : 'top-right'} limit={3} />
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger
            opened={menuOpened}
            onClick={menu.toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={menuOpened ? t('shell.closeMenu') : t('shell.openMenu')}
            aria-expanded={menuOpened}
          />
          <Text component={Link} to="/" fw={700} size="lg" c="blue.8" style={{ textDecoration: 'none', flexShrink: 0 }}>
            Klantwerk
          </Text>
          {organizationName && (
            <Text c="dimmed" size="sm" truncate="end" style={{ minWidth: 0 }}>
              {organizationName}
            </Text>
          )}
          <Group gap="xs" wrap="nowrap" ml="auto" style={{ flexShrink: 0 }}>
            <ConnectionStatus memberId={memberId} />
            {me.member && <NotificationsBell />}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Stack gap="md">
            {sections.map((section) => (
              <Stack key={section.id} gap={2}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
                  {t(section.labelKey)}
                </Text>
                {section.items.map((item) => {
                  const active = item.path === currentPath;
                  return (
                    <NavLink
                      key={item.path}
                      component={Link}
                      to={item.path}
                      label={t(item.labelKey)}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      py="sm"
                      style={{ borderRadius: 'var(--mantine-radius-md)' }}
                    />
                  );
                })}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>

        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Stack gap="sm">
            {me.organizations.length > 1 && (
              <NativeSelect
                label={t('shell.organization')}
                value={me.activeOrganization?.id ?? ''}
                disabled={switchOrganization.isPending}
                onChange={(event) => switchOrganization.mutate(event.currentTarget.value)}
                data={[
                  ...(me.activeOrganization ? [] : [{ value: '', label: t('shell.chooseOrganization') }]),
                  ...me.organizations.map((o) => ({ value: o.organizationId, label: o.organizationName })),
                ]}
              />
            )}
            {switchOrganization.error ? <ProblemAlert error={switchOrganization.error} /> : null}
            <div>
              <Text size="sm" fw={600} truncate="end">
                {me.user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {me.user.email}
              </Text>
            </div>
            <Button variant="default" onClick={() => (unsent > 0 ? setAskSignOut(true) : signOut.mutate())} loading={signOut.isPending}>
              {t('shell.signOut')}
            </Button>
            <ConfirmModal
              opened={askSignOut}
              title={t('offline.signOutTitle')}
              message={t('offline.signOutText', { count: unsent })}
              confirmLabel={t('offline.signOutAnyway')}
              onConfirm={() => {
                setAskSignOut(false);
                signOut.mutate();
              }}
              onClose={() => setAskSignOut(false)}
            />
            <Text size="xs" c="dimmed">
              Klantwerk {config.version}
            </Text>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <div style={{ maxWidth: 1100 }}>
          <UpdateBanner />
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
