import {
  Accordion,
  Box,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraKind } from '../../../contracts/constants';
import type { WhatWorksGroup } from '../../../contracts/learning.contract';
import { kindLabel } from '../../app/extra-labels';
import { addDays, localDay } from '../../app/format';
import { useTeams } from '../../app/teams.api';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useWhatWorks } from './what-works.api';

// What works: how customers reacted by kind of extra, value, cost band and occasion theme. Every row
// shows its count and its interval; a group with too few reactions shows no figure.

type Preset = '30' | '90' | 'year' | 'custom';

function bandLabel(t: TFunction, band: string): string {
  switch (band) {
    case '0':
      return t('whatWorks.bands.b0');
    case '0-5':
      return t('whatWorks.bands.b0_5');
    case '5-20':
      return t('whatWorks.bands.b5_20');
    default:
      return t('whatWorks.bands.b20_');
  }
}

export function WhatWorksPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const director = (me.member?.roles ?? []).includes('director');
  const allTeams = useTeams({ enabled: director });
  const teams =
    director && allTeams.data
      ? allTeams.data.map((team) => ({ id: team.id, name: team.name }))
      : (me.member?.teams ?? []);
  const timeZone = me.activeOrganization?.timeZone ?? 'Europe/Amsterdam';
  const today = localDay(new Date(), timeZone);
  const [teamId, setTeamId] = useState('');
  const [preset, setPreset] = useState<Preset>('90');
  const [custom, setCustom] = useState({ from: addDays(today, -89), to: today });
  const period =
    preset === '30'
      ? { from: addDays(today, -29), to: today }
      : preset === '90'
        ? { from: addDays(today, -89), to: today }
        : preset === 'year'
          ? { from: `${today.slice(0, 4)}-01-01`, to: today }
          : custom;
  const works = useWhatWorks({ teamId: teamId || undefined, from: period.from, to: period.to });

  return (
    <Box maw={960}>
      <PageHeader title={t('whatWorks.title')} description={t('whatWorks.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('whatWorks.scope')}
            value={teamId}
            onChange={(event) => setTeamId(event.currentTarget.value)}
            data={[
              { value: '', label: t('whatWorks.wholeOrganisation') },
              ...teams.map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
          <NativeSelect
            label={t('whatWorks.period')}
            value={preset}
            onChange={(event) => setPreset(event.currentTarget.value as Preset)}
            data={(['30', '90', 'year', 'custom'] as const).map((value) => ({
              value,
              label: t(`whatWorks.presets.p${value}`),
            }))}
          />
          {preset === 'custom' && (
            <Group gap="xs">
              <TextInput
                type="date"
                label={t('whatWorks.from')}
                value={custom.from}
                max={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.currentTarget.value }))}
              />
              <TextInput
                type="date"
                label={t('whatWorks.to')}
                value={custom.to}
                min={custom.from}
                max={today}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.currentTarget.value }))}
              />
            </Group>
          )}
        </Group>

        {works.error ? (
          <ProblemAlert error={works.error} />
        ) : !works.data ? (
          <PageLoader />
        ) : (
          <>
            <Overall group={works.data.overall} />
            <Section
              title={t('whatWorks.byKind')}
              groups={works.data.byKind}
              label={(g) => kindLabel(t, g.key as ExtraKind)}
              minimum={works.data.minimumReactions}
            />
            <Section
              title={t('whatWorks.byValue')}
              groups={works.data.byValue}
              label={(g) => g.label}
              minimum={works.data.minimumReactions}
            />
            <Section
              title={t('whatWorks.byCost')}
              groups={works.data.byCostBand}
              label={(g) => bandLabel(t, g.key)}
              minimum={works.data.minimumReactions}
            />
            <Section
              title={t('whatWorks.byTheme')}
              groups={works.data.byTheme}
              label={(g) => `“${g.label}”`}
              note={(g) => (g.examples.length ? t('whatWorks.examples', { examples: g.examples.join(' · ') }) : '')}
              minimum={works.data.minimumReactions}
            />
            <Method minimum={works.data.minimumReactions} />
          </>
        )}
      </Stack>
    </Box>
  );
}

function useNumbers() {
  const format = useFormat();
  const one = (x: number) => format.number(Math.round(x * 10) / 10);
  const percent = (x: number) => `${format.number(Math.round(x * 100))}%`;
  return { one, percent, count: format.number };
}

function Overall({ group }: { group: WhatWorksGroup }) {
  const { t } = useTranslation();
  const n = useNumbers();
  return (
    <Paper withBorder radius="md" p="md">
      <Text>
        {t('whatWorks.overall', { count: group.extras, reactions: n.count(group.reactions) })}{' '}
        {group.withheld || group.average === null
          ? t('whatWorks.tooFew', { count: group.reactions })
          : t('whatWorks.overallAverage', {
              average: n.one(group.average),
              low: n.one(group.averageLow!),
              high: n.one(group.averageHigh!),
            })}
      </Text>
    </Paper>
  );
}

/** The chart's horizontal scale: the customer's score from 1 to 5. */
const SCALE = { min: 1, max: 5 };
const x = (score: number) => `${((score - SCALE.min) / (SCALE.max - SCALE.min)) * 100}%`;

function Section({
  title,
  groups,
  label,
  note,
  minimum,
}: {
  title: string;
  groups: WhatWorksGroup[];
  label: (group: WhatWorksGroup) => string;
  note?: (group: WhatWorksGroup) => string;
  minimum: number;
}) {
  const { t } = useTranslation();
  const n = useNumbers();
  /** The figures of a group as text: the average and the positive share with their intervals. */
  const figures = (g: WhatWorksGroup) => ({
    average: n.one(g.average!),
    low: n.one(g.averageLow!),
    high: n.one(g.averageHigh!),
    share: n.percent(g.positiveShare!),
    shareLow: n.percent(g.positiveLow!),
    shareHigh: n.percent(g.positiveHigh!),
  });
  const describe = (g: WhatWorksGroup) =>
    g.withheld || g.average === null
      ? t('whatWorks.rowWithheld', { label: label(g), count: g.extras, reactions: g.reactions, minimum })
      : t('whatWorks.rowText', { label: label(g), count: g.extras, reactions: g.reactions, ...figures(g) });
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('whatWorks.nothing')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Group gap={0} justify="space-between" ml={{ base: 0, sm: '35%' }} px={4} aria-hidden>
            {[1, 2, 3, 4, 5].map((score) => (
              <Text key={score} size="xs" c="dimmed">
                {score}
              </Text>
            ))}
          </Group>
          {groups.map((g) => (
            <Box key={g.key}>
              <VisuallyHidden>{describe(g)}</VisuallyHidden>
              <Group gap="sm" wrap="wrap" align="center" aria-hidden>
                <Box w={{ base: '100%', sm: '33%' }}>
                  <Text size="sm" fw={500} lineClamp={1}>
                    {label(g)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('whatWorks.counts', { count: g.extras, reactions: g.reactions })}
                  </Text>
                </Box>
                <Box style={{ flex: 1, minWidth: 200 }}>
                  {g.withheld || g.average === null ? (
                    <Text size="xs" c="dimmed">
                      {t('whatWorks.tooFew', { count: minimum })}
                    </Text>
                  ) : (
                    <>
                      <IntervalBar average={g.average} low={g.averageLow!} high={g.averageHigh!} />
                      <Text size="xs" c="dimmed">
                        {t('whatWorks.rowShort', figures(g))}
                      </Text>
                    </>
                  )}
                </Box>
              </Group>
              {note?.(g) && (
                <Text size="xs" c="dimmed" mt={2} ml={{ base: 0, sm: '35%' }}>
                  {note(g)}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** A dot for the average on the 1-5 scale with a whisker for its interval. */
function IntervalBar({ average, low, high }: { average: number; low: number; high: number }) {
  // Padded by the dot's radius, so a dot at 1 or 5 stays inside the page on a phone.
  return (
    <Box px={7}>
      <svg width="100%" height="18" role="presentation" style={{ display: 'block', overflow: 'visible' }}>
        <line x1="0" x2="100%" y1="9" y2="9" stroke="var(--mantine-color-gray-3)" strokeWidth="2" />
        {[2, 3, 4].map((score) => (
          <line
            key={score}
            x1={x(score)}
            x2={x(score)}
            y1="5"
            y2="13"
            stroke="var(--mantine-color-gray-3)"
            strokeWidth="1"
          />
        ))}
        <line
          x1={x(low)}
          x2={x(high)}
          y1="9"
          y2="9"
          stroke="var(--mantine-color-blue-4)"
          strokeWidth="4"
          strokeLinecap="round"
        />
        <circle cx={x(average)} cy="9" r="6" fill="var(--mantine-color-blue-7)" />
      </svg>
    </Box>
  );
}

function Method({ minimum }: { minimum: number }) {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained">
      <Accordion.Item value="method">
        <Accordion.Control>{t('whatWorks.methodTitle')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs">
            <Text size="sm">{t('whatWorks.methodIntervals')}</Text>
            <Text size="sm">{t('whatWorks.methodMinimum', { count: minimum })}</Text>
            <Text size="sm">{t('whatWorks.methodThemes')}</Text>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
