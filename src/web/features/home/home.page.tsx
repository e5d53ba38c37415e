import { Alert, Anchor, Badge, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Inbox } from '../../../contracts/home.contract';
import { ACCESS } from '../../app/nav.config';
import { useMarkNotificationRead } from '../../app/notifications.api';
import { hasAnyRole } from '../../app/roles';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { RoleBadges } from '../../components/role-badges.component';
import { useInbox } from './home.api';
import { InboxCard, InboxItem } from './inbox-card.component';
import { SetupChecklist } from './setup-checklist.component';

/**
 * The home is each person's inbox: what waits for them today, by role, each item one tap from where it
 * is done. The first run of a new organisation comes first for its administrator.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const organization = me.activeOrganization;
  const member = me.member;
  const inbox = useInbox(!!member);

  return (
    <>
      <PageHeader
        title={t('home.title', { name: me.user.name })}
        {...(organization ? { description: t('home.intro', { organization: organization.name }) } : {})}
      />
      {!organization || !member ? (
        <Alert color="yellow">{t('home.noOrganization')}</Alert>
      ) : (
        <Stack gap="md" maw={720}>
          {inbox.data?.setup && <SetupChecklist setup={inbox.data.setup} />}
          {hasAnyRole(member.roles, ACCESS.extras) && (
            <Card withBorder padding="lg" bg="blue.0">
              <Text mb="sm">{t('home.logExtraIntro')}</Text>
              <Button component={Link} to="/extras/new" size="lg" fullWidth>
                {t('nav.logExtra')}
              </Button>
            </Card>
          )}
          <Title order={2} size="h3">
            {t('home.today')}
          </Title>
          {inbox.error ? (
            <ProblemAlert error={inbox.error} />
          ) : !inbox.data ? (
            <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
              <Skeleton height={96} radius="md" />
              <Skeleton height={96} radius="md" />
            </Stack>
          ) : (
            <InboxCards inbox={inbox.data} />
          )}
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="xs">
              {t('home.yourRoles')}
            </Title>
            <RoleBadges roles={member.roles} />
            <Title order={2} size="h4" mt="md" mb="xs">
              {t('home.yourTeams')}
            </Title>
            {member.teams.length === 0 ? (
              <Text size="sm">{t('home.noTeams')}</Text>
            ) : (
              <List spacing="xs" listStyleType="none" ml={0} pl={0}>
                {member.teams.map((team) => (
                  <List.Item key={team.id}>
                    <Group gap="xs">
                      <Text>{team.name}</Text>
                      {team.isManager && (
                        <Badge variant="light" color="teal" size="sm">
                          {t('teams.manager')}
                        </Badge>
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}

/** Empty groups are left out; what is most urgent comes first. */
function InboxCards({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation();
  const waiting =
    (inbox.followups?.count ?? 0) +
    (inbox.aboveMandate?.count ?? 0) +
    (inbox.weeklyPicks?.length ?? 0) +
    (inbox.decisions?.count ?? 0) +
    inbox.rounds.length +
    (inbox.steps?.open ?? 0);
  return (
    <>
      {inbox.followups && inbox.followups.count > 0 && <FollowupsCard followups={inbox.followups} />}
      {inbox.decisions && <DecisionsCard decisions={inbox.decisions} />}
      {inbox.aboveMandate && inbox.aboveMandate.count > 0 && <AboveMandateCard notices={inbox.aboveMandate} />}
      {inbox.rounds.length > 0 && <RoundsCard rounds={inbox.rounds} />}
      {inbox.steps && <StepsCard steps={inbox.steps} />}
      {inbox.weeklyPicks && inbox.weeklyPicks.length > 0 && <WeeklyPicksCard picks={inbox.weeklyPicks} />}
      {inbox.changes && <ChangesCard changes={inbox.changes} />}
      {waiting === 0 && (
        <Text role="status" size="sm">
          {t('home.nothingWaits')}
        </Text>
      )}
    </>
  );
}

function FollowupsCard({ followups }: { followups: NonNullable<Inbox['followups']> }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <InboxCard
      id="home-followups"
      title={t('home.followups.title')}
      tone={followups.late > 0 ? 'urgent' : undefined}
      summary={<Text size="sm">{t('home.followups.count', { count: followups.count })}</Text>}
      footer={
        <Anchor component={Link} to="/customer-voice/follow-ups" size="sm">
          {t('home.followups.all')} ({followups.count})
        </Anchor>
      }
    >
      {followups.items.map((f) => (
        <InboxItem
          key={f.id}
          to="/customer-voice/follow-ups"
          action={t('home.followups.open')}
          actionLabel={`${t('home.followups.open')}: ${f.comment ?? t('home.followups.score', { score: f.score })}`}
        >
          <Text size="sm" fw={600} lineClamp={2}>
            {t('home.followups.score', { score: f.score })} · {f.comment ?? t('home.followups.noComment')}
          </Text>
          <Text size="sm" c={f.daysLate > 0 ? 'red.9' : undefined} fw={f.daysLate > 0 ? 700 : undefined}>
            {f.daysLate > 0
              ? t('home.followups.late', { count: f.daysLate })
              : t('home.followups.dueOn', { day: days.day(f.dueOn) })}
            {f.teamName ? ` · ${f.teamName}` : ''}
          </Text>
        </InboxItem>
      ))}
    </InboxCard>
  );
}

function AboveMandateCard({ notices }: { notices: NonNullable<Inbox['aboveMandate']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const read = useMarkNotificationRead();
  return (
    <InboxCard
      id="home-above-mandate"
      title={t('home.aboveMandate.title')}
      summary={<Text size="sm">{t('home.aboveMandate.count', { count: notices.count })}</Text>}
    >
      {notices.items.map((n) => (
        <InboxItem
          key={n.notificationId}
          to={`/extras/${n.extraId}`}
          action={t('home.aboveMandate.look')}
          actionLabel={`${t('home.aboveMandate.look')}: ${n.memberName}, ${n.occasion}`}
          onOpen={() => read.mutate(n.notificationId)}
        >
          <Text size="sm" lineClamp={2}>
            {t('home.aboveMandate.item', {
              name: n.memberName,
              amount: format.money(n.costCents / 100),
              occasion: n.occasion,
            })}
          </Text>
        </InboxItem>
      ))}
    </InboxCard>
  );
}

function WeeklyPicksCard({ picks }: { picks: NonNullable<Inbox['weeklyPicks']> }) {
  const { t } = useTranslation();
  return (
    <InboxCard id="home-weekly-pick" title={t('home.weeklyPick.title')}>
      {picks.map((p) => (
        <InboxItem
          key={p.teamId}
          to={`/feed?team=${p.teamId}`}
          action={t('home.weeklyPick.choose')}
          actionLabel={`${t('home.weeklyPick.choose')}: ${p.teamName}`}
        >
          <Text size="sm">{t('home.weeklyPick.item', { team: p.teamName, count: p.stories })}</Text>
        </InboxItem>
      ))}
    </InboxCard>
  );
}

function DecisionsCard({ decisions }: { decisions: NonNullable<Inbox['decisions']> }) {
  const { t } = useTranslation();
  return (
    <InboxCard
      id="home-decisions"
      title={t('home.decisions.title')}
      summary={
        <Text size="sm">
          {decisions.count > 0 ? t('home.decisions.count', { count: decisions.count }) : t('home.decisions.none')}
        </Text>
      }
      footer={
        decisions.count > 0 && (
          <Button component={Link} to="/decision-queue">
            {t('home.decisions.decide')} ({decisions.count})
          </Button>
        )
      }
    >
      {decisions.items.length > 0 &&
        decisions.items.map((p) => (
          <InboxItem
            key={p.id}
            to={`/proposals/${p.id}`}
            action={t('home.aboveMandate.look')}
            actionLabel={`${t('home.aboveMandate.look')}: ${p.title}`}
          >
            <Text size="sm" fw={600} lineClamp={2}>
              {p.title}
            </Text>
            <Text size="sm">
              {t('home.decisions.item', { author: p.authorName, count: Math.floor(p.daysWaiting) })}
              {p.flagged ? ` · ${t('home.decisions.flagged')}` : ''}
            </Text>
          </InboxItem>
        ))}
    </InboxCard>
  );
}

function RoundsCard({ rounds }: { rounds: Inbox['rounds'] }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <InboxCard
      id="home-rounds"
      title={t('questions.home.title')}
      summary={<Text size="sm">{t('questions.home.intro')}</Text>}
    >
      {rounds.map((r) => (
        <li key={r.id}>
          <Button
            component={Link}
            to={`/questions/${r.id}`}
            color="teal"
            fullWidth
            styles={{ label: { whiteSpace: 'normal' } }}
            h="auto"
            py={8}
          >
            {t('questions.home.answer', { title: r.title, day: days.day(r.closesOn) })}
          </Button>
        </li>
      ))}
    </InboxCard>
  );
}

function StepsCard({ steps }: { steps: NonNullable<Inbox['steps']> }) {
  const { t } = useTranslation();
  const days = useDays();
  const summary = [
    t('home.steps.summary', { count: steps.open }),
    ...(steps.late > 0 ? [t('home.steps.late', { count: steps.late })] : []),
    ...(steps.atRisk > 0 ? [t('home.steps.atRisk', { count: steps.atRisk })] : []),
  ].join(' · ');
  return (
    <InboxCard
      id="home-steps"
      title={t('home.steps.title')}
      tone={steps.late > 0 ? 'urgent' : undefined}
      summary={<Text size="sm">{steps.open === 0 ? t('home.steps.none') : summary}</Text>}
      footer={
        <>
          <Anchor component={Link} to="/steps" size="sm">
            {t('home.steps.all')}
          </Anchor>
          <Button component={Link} to="/promises/new" variant="light" size="compact-md">
            {t('promises.list.new')}
          </Button>
        </>
      }
    >
      {steps.items.length > 0 &&
        steps.items.map((s) => (
          <InboxItem
            key={s.stepId}
            to={`/promises/${s.promiseId}`}
            action={t('home.aboveMandate.look')}
            actionLabel={`${t('home.aboveMandate.look')}: ${s.what}`}
          >
            <Group gap={6} wrap="nowrap">
              {s.late && (
                <Badge color="red.9" variant="filled" size="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t('home.steps.lateBadge')}
                </Badge>
              )}
              <Text size="sm" lineClamp={2}>
                {t('home.steps.item', { what: s.what, customer: s.customer, day: days.day(s.dueDate) })}
              </Text>
            </Group>
          </InboxItem>
        ))}
    </InboxCard>
  );
}

function ChangesCard({ changes }: { changes: NonNullable<Inbox['changes']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  const average = (v: number | null) => (v === null ? '–' : format.number(Math.round(v * 10) / 10));
  const rows: [string, string, string][] = [
    [t('home.changes.extras'), format.number(changes.extras.now), format.number(changes.extras.before)],
    [t('home.changes.reactions'), format.number(changes.reactions.now), format.number(changes.reactions.before)],
    [t('home.changes.average'), average(changes.averageReaction.now), average(changes.averageReaction.before)],
    [t('home.changes.kept'), share(changes.keptShare.now), share(changes.keptShare.before)],
  ];
  return (
    <InboxCard
      id="home-changes"
      title={t('home.changes.title')}
      footer={
        <Anchor component={Link} to="/tower" size="sm">
          {t('home.changes.tower')}
        </Anchor>
      }
    >
      {rows.map(([label, now, before]) => (
        <Group key={label} component="li" justify="space-between" gap="xs">
          <Text size="sm">{label}</Text>
          <Text size="sm">
            <Text span fw={700}>
              {now}
            </Text>{' '}
            ({t('home.changes.before', { value: before })})
          </Text>
        </Group>
      ))}
      {changes.promisesAtRisk > 0 && (
        <Text component="li" size="sm" fw={600} c="red.9">
          {t('home.changes.atRisk', { count: changes.promisesAtRisk })}
        </Text>
      )}
    </InboxCard>
  );
}
