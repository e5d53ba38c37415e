import { Box, Button, Group, NativeSelect, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModalWhenOpen } from '../components/confirm-when-open.component';
import { ProblemAlert } from '../components/problem-alert.component';
import { ALWAYS_OPEN, type NavSection } from './nav.config';
import { useConfig } from './use-config';
import { useSignedInMe } from './use-me';
import { useSignOut, useSwitchOrganization } from './use-session-actions';

const HEADER = 56;
const NAVBAR = 272;
const BORDER = '1px solid var(--mantine-color-gray-3)';

/**
 * The menu: a column on the left on a laptop; on a phone a panel over the page while it is open. Its
 * own chunk with Mantine's components and stylesheet: a phone opening the log screen does not load it
 * until the menu is opened.
 */
export function ShellMenu({
  sections,
  currentPath,
  phone,
  menuOpened,
  unsent,
}: {
  sections: NavSection[];
  currentPath: string | null;
  phone: boolean;
  menuOpened: boolean;
  unsent: number;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const config = useConfig();
  const signOut = useSignOut();
  const switchOrganization = useSwitchOrganization();
  const [askSignOut, setAskSignOut] = useState(false);
  return (
    <Box
      component="nav"
      id="main-menu"
      aria-label={t('shell.navigation')}
      pos="fixed"
      top={HEADER}
      bottom={0}
      left={0}
      w={{ base: '100%', sm: NAVBAR }}
      display={{ base: menuOpened ? 'flex' : 'none', sm: 'flex' }}
      p="sm"
      bg="var(--mantine-color-body)"
      style={{ zIndex: 100, flexDirection: 'column', borderRight: BORDER }}
    >
      {/* A plain scrolling box: Mantine's ScrollArea would bring all of @floating-ui (~17 KiB) into the shell. */}
      <Box style={{ flex: 1, minHeight: 0, overflowY: 'auto', overscrollBehavior: 'contain' }}>
        <NavSections
          sections={sections.filter((section) => section.id !== 'you')}
          currentPath={currentPath}
          itemPadding={phone ? 8 : 4}
        />
      </Box>

      <Box pt={6} style={{ borderTop: BORDER }}>
        <Stack gap={4}>
          {sections
            .filter((section) => section.id === 'you')
            .flatMap((section) => section.items)
            .map((item) => (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={t(item.labelKey)}
                active={item.path === currentPath}
                aria-current={item.path === currentPath ? 'page' : undefined}
                py={phone ? 8 : 4}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
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
          <Group gap="xs" wrap="nowrap" px="sm">
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={600} truncate="end">
                {me.user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {me.user.email}
              </Text>
            </div>
            <Button
              variant="default"
              size="compact-md"
              onClick={() => (unsent > 0 ? setAskSignOut(true) : signOut.mutate())}
              loading={signOut.isPending}
              style={{ flexShrink: 0 }}
            >
              {t('shell.signOut')}
            </Button>
          </Group>
          <ConfirmModalWhenOpen
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
          <Text size="xs" c="dimmed" px="sm">
            Klantwerk {config.version}
          </Text>
        </Stack>
      </Box>
    </Box>
  );
}

/** With this few items everything is shown at once (a guest advisor's menu). */
const SHORT_MENU = 8;

/**
 * The menu's groups. "Today" is always open and one other group at a time: the current page's, or the
 * one whose heading was tapped. The list stays short on a phone and fits a laptop without scrolling.
 */
function NavSections({
  sections,
  currentPath,
  itemPadding,
}: {
  sections: NavSection[];
  currentPath: string | null;
  itemPadding: number;
}) {
  const { t } = useTranslation();
  // One group open besides "today": the one tapped last, else the current page's; a new page resets it.
  const [chosen, setChosen] = useState<{ id: string | null; at: string | null } | null>(null);
  const short = sections.reduce((n, s) => n + s.items.length, 0) <= SHORT_MENU;
  const current = sections.find((s) => s.items.some((item) => item.path === currentPath))?.id ?? null;
  const openGroup = chosen && chosen.at === currentPath ? chosen.id : current;
  const toggle = (id: string) => setChosen({ id: openGroup === id ? null : id, at: currentPath });
  return (
    <Stack gap={6}>
      {sections.map((section) => {
        const fixed = short || ALWAYS_OPEN.includes(section.id);
        const open = fixed || section.id === openGroup;
        const listId = `menu-${section.id}`;
        return (
          <Stack key={section.id} gap={2} role="group" aria-label={t(section.labelKey)}>
            {fixed ? (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={4}>
                {t(section.labelKey)}
              </Text>
            ) : (
              <UnstyledButton
                onClick={() => toggle(section.id)}
                aria-expanded={open}
                aria-controls={listId}
                px="sm"
                py={4}
                style={{
                  borderRadius: 'var(--mantine-radius-md)',
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                }}
              >
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" component="span">
                  {t(section.labelKey)}
                </Text>
                <Text size="xs" c="dimmed" component="span" aria-hidden>
                  {open ? '▾' : '▸'} {section.items.length}
                </Text>
              </UnstyledButton>
            )}
            {open && (
              <Stack gap={0} id={listId}>
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
                      py={itemPadding}
                      style={{ borderRadius: 'var(--mantine-radius-md)' }}
                    />
                  );
                })}
              </Stack>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
