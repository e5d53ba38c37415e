import { Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../contracts/voice.contract';
import { ACCESS } from '../../app/nav.config';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { qrSvgUrl } from '../../app/voice-links';
import { AppUrlWarning } from '../../components/app-url-warning.component';
import { ConfirmModal } from '../../components/confirm.modal';
import { CopyButton } from '../../components/copy-button.component';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { QrDownloads } from '../../components/reaction-link.component';
import { useIsPhone } from '../../components/use-is-phone';
import { TouchpointFormModal } from './touchpoint-form.modal';
import { TouchpointPrintModal } from './touchpoint-print.modal';
import { useTouchpoints, useUpdateTouchpoint } from './voice.api';
import { fileSlug, scaleLabel } from './voice-model';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** What is being done to one touchpoint: one modal at a time. */
type Action = { kind: 'edit' | 'print' | 'newLink' | 'archive'; touchpoint: Touchpoint } | { kind: 'add' } | null;

/**
 * Touchpoints: fixed places where customers react (reception, table 4), each with its QR code to print.
 * Managers see them and print them; directors and admins add, rename, reassign, archive, and give a new link.
 */
export function TouchpointsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const me = useSignedInMe();
  const steering = useHasRole(ACCESS.manageTouchpoints);
  const touchpoints = useTouchpoints();
  const update = useUpdateTouchpoint();
  const [action, setAction] = useState<Action>(null);
  const items = touchpoints.data ?? [];
  const active = items.filter((tp) => !tp.archived);
  const archived = items.filter((tp) => tp.archived);
  const orgName = me.activeOrganization?.name ?? '';

  const done = () => {
    update.reset();
    setAction(null);
  };
  const unarchive = (touchpoint: Touchpoint) =>
    update.mutate(
      { touchpointId: touchpoint.id, archived: false },
      {
        onSuccess: () => notifySuccess(t('voice.touchpoints.unarchived', { name: touchpoint.name })),
        onError: (error) => notifyError(t, error),
      },
    );

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t('voice.touchpoints.title')}
        description={steering ? t('voice.touchpoints.introSteering') : t('voice.touchpoints.intro')}
        actions={
          steering && (
            <Button onClick={() => setAction({ kind: 'add' })} size={phone ? 'sm' : 'md'}>
              {t('voice.touchpoints.add')}
            </Button>
          )
        }
      />
      <AppUrlWarning />
      {touchpoints.error ? (
        <ProblemAlert error={touchpoints.error} />
      ) : !touchpoints.data ? (
        <PageLoader />
      ) : (
        <Stack gap="xl">
          {active.length === 0 ? (
            <Text c="dimmed">{steering ? t('voice.touchpoints.noneSteering') : t('voice.touchpoints.none')}</Text>
          ) : (
            <Stack gap="sm" component="ul" style={listStyle}>
              {active.map((touchpoint) => (
                <li key={touchpoint.id}>
                  <TouchpointCard
                    touchpoint={touchpoint}
                    actions={
                      <>
                        <Button
                          variant="light"
                          size="sm"
                          onClick={() => setAction({ kind: 'print', touchpoint })}
                          aria-label={t('voice.touchpoints.printLabel', { name: touchpoint.name })}
                        >
                          {t('voice.touchpoints.print')}
                        </Button>
                        {steering && (
                          <>
                            <Button
                              variant="default"
                              size="sm"
                              onClick={() => setAction({ kind: 'edit', touchpoint })}
                              aria-label={t('voice.touchpoints.editLabel', { name: touchpoint.name })}
                            >
                              {t('common.edit')}
                            </Button>
                            <Button
                              variant="default"
                              size="sm"
                              onClick={() => setAction({ kind: 'newLink', touchpoint })}
                              aria-label={t('voice.touchpoints.newLinkLabel', { name: touchpoint.name })}
                            >
                              {t('voice.touchpoints.newLink')}
                            </Button>
                            <Button
                              variant="subtle"
                              color="red"
                              size="sm"
                              onClick={() => setAction({ kind: 'archive', touchpoint })}
                              aria-label={t('voice.touchpoints.archiveLabel', { name: touchpoint.name })}
                            >
                              {t('voice.touchpoints.archive')}
                            </Button>
                          </>
                        )}
                      </>
                    }
                  />
                </li>
              ))}
            </Stack>
          )}
          {archived.length > 0 && (
            <Section title={t('voice.touchpoints.archivedTitle')}>
              <Stack gap="sm" component="ul" style={listStyle}>
                {archived.map((touchpoint) => (
                  <li key={touchpoint.id}>
                    <TouchpointCard
                      touchpoint={touchpoint}
                      actions={
                        steering && (
                          <Button
                            variant="default"
                            size="sm"
                            loading={update.isPending && update.variables?.touchpointId === touchpoint.id}
                            onClick={() => unarchive(touchpoint)}
                            aria-label={t('voice.touchpoints.unarchiveLabel', { name: touchpoint.name })}
                          >
                            {t('voice.touchpoints.unarchive')}
                          </Button>
                        )
                      }
                    />
                  </li>
                ))}
              </Stack>
            </Section>
          )}
        </Stack>
      )}

      {action?.kind === 'add' && <TouchpointFormModal opened onClose={() => setAction(null)} />}
      {action?.kind === 'edit' && (
        <TouchpointFormModal
          key={action.touchpoint.id}
          touchpoint={action.touchpoint}
          opened
          onClose={() => setAction(null)}
        />
      )}
      {action?.kind === 'print' && (
        <TouchpointPrintModal touchpoint={action.touchpoint} orgName={orgName} opened onClose={() => setAction(null)} />
      )}
      <ConfirmModal
        opened={action?.kind === 'newLink'}
        title={t('voice.touchpoints.newLinkTitle')}
        message={t('voice.touchpoints.newLinkText')}
        confirmLabel={t('voice.touchpoints.newLinkConfirm')}
        loading={update.isPending}
        error={update.error}
        onClose={done}
        onConfirm={() => {
          if (action?.kind !== 'newLink') return;
          const { touchpoint } = action;
          update.mutate(
            { touchpointId: touchpoint.id, newLink: true },
            {
              onSuccess: () => {
                notifySuccess(t('voice.touchpoints.newLinkDone', { name: touchpoint.name }));
                done();
              },
            },
          );
        }}
      />
      <ConfirmModal
        opened={action?.kind === 'archive'}
        title={t('voice.touchpoints.archiveTitle')}
        message={t('voice.touchpoints.archiveText')}
        confirmLabel={t('voice.touchpoints.archive')}
        loading={update.isPending}
        error={update.error}
        onClose={done}
        onConfirm={() => {
          if (action?.kind !== 'archive') return;
          const { touchpoint } = action;
          update.mutate(
            { touchpointId: touchpoint.id, archived: true },
            {
              onSuccess: () => {
                notifySuccess(t('voice.touchpoints.archived', { name: touchpoint.name }));
                done();
              },
            },
          );
        }}
      />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** A touchpoint with its QR preview, team, scale and reactions so far; the downloads and the actions below. */
function TouchpointCard({ touchpoint, actions }: { touchpoint: Touchpoint; actions: ReactNode }) {
  const { t } = useTranslation();
  const link = touchpoint.link;
  return (
    <Card withBorder padding="md" radius="md">
      <Group align="flex-start" gap="md" wrap="nowrap">
        {link ? (
          <Paper withBorder radius="sm" p={4} bg="white" style={{ flexShrink: 0 }}>
            <img
              src={qrSvgUrl(link.id)}
              alt={t('voice.link.qrAlt')}
              width={96}
              height={96}
              loading="lazy"
              style={{ display: 'block' }}
            />
          </Paper>
        ) : null}
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {touchpoint.name}
            </Text>
            {touchpoint.archived && (
              <Badge color="gray" variant="light" size="sm" tt="none" style={{ flexShrink: 0 }}>
                {t('voice.touchpoints.archivedBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {touchpoint.teamName ?? t('voice.touchpoints.noTeam')} · {scaleLabel(t, touchpoint.scale)}
          </Text>
          {link && (
            <Text size="sm">
              {link.reactions > 0 ? t('voice.link.reactions', { count: link.reactions }) : t('voice.link.noReactions')}
            </Text>
          )}
          {touchpoint.archived && (
            <Text size="sm" c="dimmed">
              {t('voice.touchpoints.archivedText')}
            </Text>
          )}
        </Stack>
      </Group>
      {(link || actions) && (
        <Group gap="sm" mt="md">
          {link && <CopyButton value={link.url} label={t('voice.copyAddress')} context={touchpoint.name} />}
          {link && <QrDownloads linkId={link.id} name={`qr-${fileSlug(touchpoint.name)}`} compact />}
          {actions}
        </Group>
      )}
    </Card>
  );
}
