import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import { isLanguage } from '../../app/i18n';
import { ACCESS } from '../../app/nav.config';
import { isDay, useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { LoadMore } from '../../components/load-more.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { ReactionCard } from './reaction-card.component';
import { type ReactionList, useCustomerReactions, useTouchpoints, type VoiceScope } from './voice.api';
import {
  averageText,
  defaultScope,
  PERIOD_PRESETS,
  type PeriodPreset,
  periodError,
  periodOf,
  scopeOptions,
} from './voice-model';

/** The server sends at most this many reactions at once. */
const LIST_LIMIT = 500;
/** Cards drawn at a time. */
const PAGE_SIZE = 40;
const isPreset = (value: string | null): value is PeriodPreset =>
  !!value && (PERIOD_PRESETS as string[]).includes(value);

/**
 * What customers said through reaction links and QR codes: on my extras and promises, my teams', or
 * (directors and admins) all. Phone-first: the reactions are cards. The filters live in the address,
 * so going back from an extra returns to the same list.
 */
export function CustomerVoicePage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const me = useSignedInMe();
  const roles = me.member?.roles ?? [];
  const leader = useHasRole(ACCESS.touchpoints);
  const days = useDays();
  const options = scopeOptions(roles, me.member?.teams.length ?? 0);
  const [params, setParams] = useSearchParams();

  const requestedScope = params.get('scope') as VoiceScope | null;
  const scope = requestedScope && options.includes(requestedScope) ? requestedScope : defaultScope(roles, options);
  const preset: PeriodPreset = isPreset(params.get('period')) ? (params.get('period') as PeriodPreset) : '90';
  const ninetyDays = periodOf('90', days.today, { from: '', to: '' });
  const custom = {
    from: isDay(params.get('from') ?? '') ? params.get('from')! : ninetyDays.from,
    to: isDay(params.get('to') ?? '') ? params.get('to')! : ninetyDays.to,
  };
  const period = periodOf(preset, days.today, custom);
  const wrongPeriod = preset === 'custom' ? periodError(period.from, period.to) : null;
  const touchpoints = useTouchpoints({ enabled: leader });
  // Touchpoint reactions belong to a team, not to a person: the filter is for the wider scopes.
  const touchpointFilter = leader && scope !== 'mine';
  const touchpointId = touchpointFilter ? params.get('touchpoint') || undefined : undefined;

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const reactions = useCustomerReactions(
    { scope, from: period.from, to: period.to, touchpointId },
    { enabled: !wrongPeriod },
  );

  return (
    <Stack gap="md" maw={860}>
      <PageHeader
        title={t('voice.page.title')}
        description={t('voice.page.intro')}
        actions={
          leader && (
            <Button component={Link} to="/customer-voice/follow-ups" variant="default" size={phone ? 'sm' : 'md'}>
              {t('voice.page.toFollowups')}
            </Button>
          )
        }
      />
      {options.length > 1 && (
        <SegmentedControl
          fullWidth={phone}
          size={phone ? 'xs' : 'sm'}
          aria-label={t('voice.page.scope')}
          value={scope}
          onChange={(value) => set({ scope: value })}
          data={options.map((value) => ({
            value,
            label:
              value === 'mine' ? t('voice.page.mine') : value === 'team' ? t('voice.page.team') : t('voice.page.all'),
          }))}
          style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
        />
      )}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('voice.period.label')}
          value={preset}
          onChange={(event) =>
            set({ period: event.currentTarget.value === '90' ? undefined : event.currentTarget.value })
          }
          data={[
            { value: '30', label: t('voice.period.p30') },
            { value: '90', label: t('voice.period.p90') },
            { value: '365', label: t('voice.period.p365') },
            { value: 'custom', label: t('voice.period.custom') },
          ]}
        />
        {preset === 'custom' && (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              type="date"
              label={t('voice.period.from')}
              value={custom.from}
              max={custom.to}
              onChange={(event) => set({ from: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('voice.period.to')}
              value={custom.to}
              min={custom.from}
              max={days.today}
              onChange={(event) => set({ to: event.currentTarget.value })}
            />
          </Group>
        )}
        {touchpointFilter && (
          <NativeSelect
            label={t('voice.page.touchpoint')}
            value={touchpointId ?? ''}
            onChange={(event) => set({ touchpoint: event.currentTarget.value || undefined })}
            data={[
              { value: '', label: t('voice.page.anyTouchpoint') },
              ...(touchpoints.data ?? []).map((tp) => ({
                value: tp.id,
                label: tp.archived ? t('voice.page.archivedTouchpoint', { name: tp.name }) : tp.name,
              })),
            ]}
          />
        )}
      </Group>
      {wrongPeriod && (
        <Text size="sm" c="red.8" role="alert">
          {t(wrongPeriod)}
        </Text>
      )}

      {reactions.error ? (
        <ProblemAlert error={reactions.error} />
      ) : !reactions.data ? (
        !wrongPeriod && <PageLoader />
      ) : (
        <>
          <Summary summary={reactions.data.summary} language={language} />
          {reactions.data.items.length === 0 ? (
            <Text c="dimmed" py="md">
              {scope === 'mine' ? t('voice.page.noneMine') : t('voice.page.none')}
            </Text>
          ) : (
            <ReactionCards
              key={`${scope}|${period.from}|${period.to}|${touchpointId ?? ''}`}
              items={reactions.data.items}
            />
          )}
          {reactions.data.items.length >= LIST_LIMIT && (
            <Text size="sm" c="dimmed">
              {t('voice.page.limited', { max: LIST_LIMIT })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

/** A phone draws the cards a page at a time; the summary above counts them all. */
function ReactionCards({ items }: { items: CustomerReaction[] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE_SIZE);
  return (
    <>
      <Stack
        gap="sm"
        component="ul"
        aria-label={t('voice.page.listLabel')}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {items.slice(0, shown).map((reaction) => (
          <li key={reaction.id}>
            <ReactionCard reaction={reaction} />
          </li>
        ))}
      </Stack>
      <LoadMore hasMore={items.length > shown} loading={false} onLoad={() => setShown((n) => n + PAGE_SIZE)} />
    </>
  );
}

/** How many reactions, their average on five points (one decimal), and how many were very negative. */
function Summary({ summary, language }: { summary: ReactionList['summary']; language: 'nl' | 'en' }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={3} spacing="sm">
      <Figure label={t('voice.summary.count')} value={format.number(summary.count)} />
      <Figure
        label={t('voice.summary.average')}
        value={averageText(summary.average, language)}
        note={t('voice.summary.averageNote')}
      />
      <Figure
        label={t('voice.summary.veryNegative')}
        value={format.number(summary.veryNegative)}
        alert={summary.veryNegative > 0}
      />
    </SimpleGrid>
  );
}

function Figure({
  label,
  value,
  note,
  alert = false,
}: {
  label: string;
  value: string;
  note?: string;
  alert?: boolean;
}) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" fw={600} lh={1.2}>
        {label}
      </Text>
      <Text fw={700} fz={28} lh={1.3} c={alert ? 'red.8' : undefined}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" lh={1.2}>
          {note}
        </Text>
      )}
    </Paper>
  );
}
