import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { kindLabel, scoreLabel } from '../../app/extra-labels';
import { useSetInFeed } from '../../app/stories.api';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { useValues } from '../../app/values.api';
import { mayAskForExtra } from '../../app/voice-links';
import { ConfirmModal } from '../../components/confirm.modal';
import { ScoreFace } from '../../components/extra-fields.component';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AskReactionButton } from '../../components/reaction-link.component';
import { ReactionRequestAction } from '../../components/reaction-request.component';
import { NotFoundPage } from '../../components/status-pages.component';
import { ExtraEditModal } from './extra-edit.modal';
import { type ExtraDetail, useDeleteExtra, useExtra, useUnhideExtra } from './extras.api';
import { HideExtraModal } from './hide-extra.modal';
import { ReactionModal } from './reaction.modal';

export function ExtraPage() {
  const { extraId = '' } = useParams();
  const extra = useExtra(extraId);
  if (extra.error && isApiError(extra.error) && extra.error.status === 404) return <NotFoundPage />;
  if (extra.error) return <ProblemAlert error={extra.error} />;
  if (!extra.data) return <PageLoader />;
  return <ExtraView extra={extra.data} />;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function ExtraView({ extra }: { extra: ExtraDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const me = useSignedInMe();
  const values = useValues(true);
  const valueNames = useMemo(() => new Map((values.data ?? []).map((v) => [v.id, v.name])), [values.data]);
  const [editOpened, edit] = useDisclosure(false);
  const [reactionOpened, reaction] = useDisclosure(false);
  const [hideOpened, hide] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteExtra(extra.id);
  const unhide = useUnhideExtra(extra.id);
  // Checked once per view: the server decides anyway (edit_window_closed).
  const [now] = useState(() => Date.now());

  const isAuthor = extra.member.id === me.member?.id;
  const editable = isAuthor && now < Date.parse(extra.editableUntil);
  const roles = me.member?.roles ?? [];
  const canHide =
    roles.includes('director') ||
    (me.member?.teams ?? []).some((team) => team.isManager && extra.teamIds.includes(team.id));
  const canAskCustomer = mayAskForExtra(me.member, { memberId: extra.member.id, teamIds: extra.teamIds });

  return (
    <Stack gap="md" maw={760}>
      <div>
        <Anchor component={Link} to="/extras" size="sm">
          ← {t('extras.detail.back')}
        </Anchor>
      </div>
      <PageHeader
        title={extra.occasion.length > 80 ? `${extra.occasion.slice(0, 77)}…` : extra.occasion}
        description={`${format.date(extra.occurredAt, true)} · ${extra.member.name}`}
      />

      {extra.hidden && (
        <Paper p="sm" radius="md" bg="gray.1">
          <Text size="sm" fw={600}>
            {t('extras.detail.hiddenTitle')}
          </Text>
          <Text size="sm">{extra.hidden.reason}</Text>
          <Text size="xs" c="dimmed">
            {format.date(extra.hidden.at, true)}
          </Text>
        </Paper>
      )}

      <Card withBorder padding="lg">
        <Stack gap="md">
          <Field label={t('extras.form.occasion')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{extra.occasion}</Text>
          </Field>
          <Field label={t('extras.detail.action')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{extra.action}</Text>
          </Field>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label={t('extras.form.kind')}>
              <Text>{kindLabel(t, extra.kind)}</Text>
            </Field>
            <Field label={t('extras.list.cost')}>
              <Text>{format.money(extra.costCents / 100)}</Text>
            </Field>
            <Field label={t('extras.form.minutes')}>
              <Text>{format.number(extra.minutes)}</Text>
            </Field>
            <Field label={t('extras.detail.customer')}>
              <Text>{extra.customerRef || '—'}</Text>
            </Field>
          </SimpleGrid>
          <Field label={t('extras.form.values')}>
            {extra.valueIds.length === 0 ? (
              <Text c="dimmed">—</Text>
            ) : (
              <Group gap={6} mt={4}>
                {extra.valueIds.map((id) => (
                  <Badge key={id} variant="light" color="blue" tt="none" size="lg">
                    {valueNames.get(id) ?? '…'}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          {extra.aboveMandate && (
            <Paper p="sm" radius="md" bg="yellow.0" style={{ border: '1px solid var(--mantine-color-yellow-3)' }}>
              <Text size="sm" fw={600}>
                {t('extras.aboveMandate')}
              </Text>
              {extra.aboveMandateReason && (
                <Text size="sm">{t('extras.detail.reason', { reason: extra.aboveMandateReason })}</Text>
              )}
            </Paper>
          )}
          {isAuthor && <InFeedSwitch extra={extra} />}
          <Text size="xs" c="dimmed">
            {t('extras.detail.loggedAt', { date: format.date(extra.createdAt, true) })}
            {editable && ` · ${t('extras.detail.editableUntil', { date: format.date(extra.editableUntil, true) })}`}
          </Text>
          {(editable || canHide) && (
            <Group gap="sm">
              {editable && (
                <>
                  <Button variant="light" onClick={edit.open}>
                    {t('common.edit')}
                  </Button>
                  <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                    {t('extras.detail.delete')}
                  </Button>
                </>
              )}
              {canHide &&
                (extra.hidden ? (
                  <Button
                    variant="default"
                    loading={unhide.isPending}
                    onClick={() =>
                      unhide.mutate(undefined, { onSuccess: () => notifySuccess(t('extras.detail.unhidden')) })
                    }
                  >
                    {t('extras.detail.unhide')}
                  </Button>
                ) : (
                  <Button variant="default" onClick={hide.open}>
                    {t('extras.detail.hide')}
                  </Button>
                ))}
            </Group>
          )}
          <ProblemAlert error={unhide.error} />
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={2} size="h4">
            {t('extras.detail.reactionTitle')}
          </Title>
          {isAuthor && (
            <Button variant="light" size="sm" onClick={reaction.open}>
              {extra.reactionScore || extra.reactionText
                ? t('extras.detail.changeReaction')
                : t('extras.detail.addReaction')}
            </Button>
          )}
        </Group>
        {extra.reactionScore || extra.reactionText ? (
          <Group gap="sm" align="flex-start" wrap="nowrap">
            {extra.reactionScore ? <ScoreFace score={extra.reactionScore} size={36} /> : null}
            <div>
              {extra.reactionScore ? <Text fw={600}>{scoreLabel(t, extra.reactionScore)}</Text> : null}
              {extra.reactionText && <Text style={{ whiteSpace: 'pre-wrap' }}>{extra.reactionText}</Text>}
            </div>
          </Group>
        ) : (
          <Text c="dimmed" size="sm">
            {isAuthor ? t('extras.detail.noReactionYours') : t('extras.detail.noReaction')}
          </Text>
        )}
        {extra.reactionHistory.length > 0 && (
          <Stack gap={6} mt="md">
            <Text size="sm" fw={600}>
              {t('extras.detail.history')}
            </Text>
            <Stack gap={6} component="ol" style={{ margin: 0, paddingLeft: 18 }}>
              {extra.reactionHistory.map((change) => (
                <Text
                  key={`${change.changedAt}-${change.reactionScore}-${change.reactionText}`}
                  component="li"
                  size="sm"
                >
                  <Text span size="xs" c="dimmed">
                    {format.date(change.changedAt, true)} · {change.changedBy.name}:{' '}
                  </Text>
                  {change.reactionScore ? scoreLabel(t, change.reactionScore) : t('extras.detail.noScore')}
                  {change.reactionText ? ` — ${change.reactionText}` : ''}
                </Text>
              ))}
            </Stack>
          </Stack>
        )}
        {canAskCustomer && (
          <Group mt="md" gap="sm" align="center">
            <AskReactionButton subject="extra" id={extra.id} />
            <ReactionRequestAction subject="extra" id={extra.id} />
          </Group>
        )}
      </Card>

      {editable && <ExtraEditModal extra={extra} opened={editOpened} onClose={edit.close} />}
      {isAuthor && <ReactionModal extra={extra} opened={reactionOpened} onClose={reaction.close} />}
      {canHide && <HideExtraModal extraId={extra.id} opened={hideOpened} onClose={hide.close} />}
      <ConfirmModal
        opened={deleting}
        title={t('extras.detail.deleteTitle')}
        message={t('extras.detail.deleteText')}
        confirmLabel={t('extras.detail.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(false);
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('extras.detail.deleted'));
              navigate('/extras', { replace: true });
            },
          })
        }
      />
    </Stack>
  );
}

/** The author decides whether the team reads this one as a story in the team feed. */
function InFeedSwitch({ extra }: { extra: ExtraDetail }) {
  const { t } = useTranslation();
  const setInFeed = useSetInFeed(extra.id);
  const checked = setInFeed.isPending ? setInFeed.variables : extra.inFeed;
  return (
    <Switch
      label={t('feed.inFeed.label')}
      description={checked ? t('feed.inFeed.on') : t('feed.inFeed.off')}
      checked={checked}
      disabled={setInFeed.isPending}
      onChange={(event) => {
        const inFeed = event.currentTarget.checked;
        setInFeed.mutate(inFeed, {
          onSuccess: () => notifySuccess(inFeed ? t('feed.inFeed.doneOn') : t('feed.inFeed.doneOff')),
          onError: (error) => notifyError(t, error),
        });
      }}
    />
  );
}
