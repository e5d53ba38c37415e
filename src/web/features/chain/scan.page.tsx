import {
  Box,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Rating,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scan } from '../../../contracts/promises.contract';
import { useFigureFormat } from '../../app/figures-format';
import { localDay } from '../../app/format';
import { useSignedInMe } from '../../app/use-me';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { usePutScanRating, useScan } from './chain.api';
import { parseQuarter, previousQuarter, quarterOfDay } from './quarters';

// The quarterly internal scan: for each of my teams, the teams it worked with this quarter, and my
// rating (1-5) of the service we got from them. Rated for my team, averaged over my team.

type ScanTeam = Scan['teams'][number];
type Partner = ScanTeam['partners'][number];

const COMMENT_MAX = 1000;

export function ScanPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const timeZone = me.activeOrganization?.timeZone ?? 'Europe/Amsterdam';
  const current = quarterOfDay(localDay(new Date(), timeZone));
  const [quarter, setQuarter] = useState(current);
  const scan = useScan(quarter);
  const quarterName = (value: string) => {
    const parts = parseQuarter(value);
    return parts ? t('scan.quarterLabel', { quarter: parts.quarter, year: String(parts.year) }) : value;
  };
  const myTeams = me.member?.teams ?? [];

  return (
    <Box maw={960}>
      <PageHeader title={t('scan.title')} description={t('scan.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('scan.quarter')}
            value={quarter}
            onChange={(event) => setQuarter(event.currentTarget.value)}
            data={[current, previousQuarter(current)].map((value) => ({ value, label: quarterName(value) }))}
          />
        </Group>

        {myTeams.length === 0 ? (
          <Text c="dimmed">{t('scan.noTeam')}</Text>
        ) : scan.error ? (
          <ProblemAlert error={scan.error} />
        ) : !scan.data ? (
          <PageLoader />
        ) : scan.data.teams.every((team) => team.partners.length === 0) ? (
          <Paper withBorder radius="md" p="md">
            <Text c="dimmed">{t('scan.empty', { quarter: quarterName(scan.data.quarter) })}</Text>
          </Paper>
        ) : (
          scan.data.teams.map((team) => (
            <TeamSection key={`${scan.data.quarter}:${team.id}`} quarter={scan.data.quarter} team={team} />
          ))
        )}
      </Stack>
    </Box>
  );
}

function TeamSection({ quarter, team }: { quarter: string; team: ScanTeam }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId}>
        {t('scan.forTeam', { team: team.name })}
      </Title>
      {team.partners.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('scan.teamEmpty', { team: team.name })}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {team.partners.map((partner) => (
            <PartnerCard key={partner.team.id} quarter={quarter} raterTeam={team} partner={partner} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function PartnerCard({ quarter, raterTeam, partner }: { quarter: string; raterTeam: ScanTeam; partner: Partner }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const scoreLabelId = useId();
  const save = usePutScanRating();
  const [score, setScore] = useState(partner.myScore ?? 0);
  const [comment, setComment] = useState(partner.myComment ?? '');
  const changed = score !== (partner.myScore ?? 0) || comment.trim() !== (partner.myComment ?? '');
  const submit = () =>
    save.mutate(
      { quarter, raterTeamId: raterTeam.id, ratedTeamId: partner.team.id, score, comment: comment.trim() },
      { onSuccess: () => notifySuccess(t('scan.saved', { team: partner.team.name })) },
    );

  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={partner.team.name}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {partner.team.name}
          </Title>
          <Text size="xs" c="dimmed">
            {t('scan.handoffs', { count: partner.handoffs })}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={500} id={scoreLabelId}>
            {t('scan.score', { team: partner.team.name })}
          </Text>
          <Rating
            role="radiogroup"
            aria-labelledby={scoreLabelId}
            size="lg"
            value={score}
            onChange={setScore}
            getSymbolLabel={(value) => t('scan.scoreValue', { score: value })}
            mt={4}
          />
          <Text size="xs" c="dimmed" mt={2}>
            {t('scan.scale')}
          </Text>
        </div>
        <Textarea
          label={t('scan.comment')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={COMMENT_MAX}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Stack gap={2}>
          <Text size="sm">
            {partner.myScore === null ? t('scan.myScoreNone') : t('scan.myScore', { score: partner.myScore })}
          </Text>
          <Text size="sm" c="dimmed">
            {partner.teamAverage === null
              ? t('scan.teamAverageNone', { team: raterTeam.name })
              : t('scan.teamAverage', {
                  team: raterTeam.name,
                  average: f.rating(partner.teamAverage),
                  count: partner.teamRatings,
                })}
          </Text>
        </Stack>
        <ProblemAlert error={save.error} />
        <Group justify="flex-end" gap="sm">
          {score === 0 && (
            <Text size="xs" c="dimmed">
              {t('scan.pickScore')}
            </Text>
          )}
          <Button onClick={submit} disabled={score === 0 || !changed} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
