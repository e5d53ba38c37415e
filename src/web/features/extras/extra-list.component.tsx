import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Extra } from '../../../contracts/extras.contract';
import { kindLabel, scoreLabel } from '../../app/extra-labels';
import { useFormat } from '../../app/use-format';
import { ScoreFace } from '../../components/extra-fields.component';

/* The extras page's list: a table on a wide screen, cards on a phone. */

function StatusBadges({ extra }: { extra: Extra }) {
  const { t } = useTranslation();
  return (
    <>
      {extra.aboveMandate && (
        <Badge color="yellow" variant="light" size="sm" tt="none" c="yellow.9">
          {t('extras.aboveMandate')}
        </Badge>
      )}
      {extra.hidden && (
        <Badge color="gray" variant="light" size="sm" tt="none">
          {t('extras.hiddenBadge')}
        </Badge>
      )}
    </>
  );
}

function Reaction({ extra }: { extra: Extra }) {
  const { t } = useTranslation();
  if (!extra.reactionScore)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <ScoreFace score={extra.reactionScore} size={22} />
      <Text size="sm">{scoreLabel(t, extra.reactionScore)}</Text>
    </Group>
  );
}

export function ExtraTable({
  extras,
  showMember,
  valueNames,
}: {
  extras: Extra[];
  showMember: boolean;
  valueNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('extras.list.when')}</Table.Th>
            {showMember && <Table.Th>{t('extras.list.member')}</Table.Th>}
            <Table.Th>{t('extras.list.what')}</Table.Th>
            <Table.Th>{t('extras.list.kind')}</Table.Th>
            <Table.Th ta="right">{t('extras.list.cost')}</Table.Th>
            <Table.Th ta="right">{t('extras.list.minutes')}</Table.Th>
            <Table.Th>{t('extras.list.reaction')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {extras.map((extra) => (
            <Table.Tr key={extra.id} style={extra.hidden ? { opacity: 0.65 } : undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{format.date(extra.occurredAt, true)}</Text>
              </Table.Td>
              {showMember && (
                <Table.Td>
                  <Text size="sm">{extra.member.name}</Text>
                </Table.Td>
              )}
              <Table.Td maw={380}>
                <Anchor component={Link} to={`/extras/${extra.id}`} size="sm" fw={600} lineClamp={2}>
                  {extra.occasion}
                </Anchor>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {extra.action}
                </Text>
                <Group gap={4} mt={4}>
                  <StatusBadges extra={extra} />
                  {extra.valueIds.map((id) =>
                    valueNames.get(id) ? (
                      <Badge key={id} variant="outline" color="blue" size="sm" tt="none">
                        {valueNames.get(id)}
                      </Badge>
                    ) : null,
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{kindLabel(t, extra.kind)}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{format.money(extra.costCents / 100)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{extra.minutes ? format.number(extra.minutes) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Reaction extra={extra} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ExtraCards({ extras, showMember }: { extras: Extra[]; showMember: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {extras.map((extra) => (
        <li key={extra.id}>
          <Card
            withBorder
            padding="md"
            component={Link}
            to={`/extras/${extra.id}`}
            style={{ textDecoration: 'none', color: 'inherit', ...(extra.hidden ? { opacity: 0.7 } : {}) }}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed">
                {format.date(extra.occurredAt, true)}
                {showMember && ` · ${extra.member.name}`}
              </Text>
              {extra.reactionScore ? <ScoreFace score={extra.reactionScore} size={24} /> : null}
            </Group>
            <Text fw={600} lineClamp={2} mt={2}>
              {extra.occasion}
            </Text>
            <Text size="sm" lineClamp={2}>
              {extra.action}
            </Text>
            <Group gap={6} mt="xs">
              <Badge variant="light" color="blue" size="sm" tt="none">
                {kindLabel(t, extra.kind)}
              </Badge>
              <Text size="sm">{format.money(extra.costCents / 100)}</Text>
              {extra.minutes > 0 && <Text size="sm">· {t('extras.minutesShort', { count: extra.minutes })}</Text>}
              <StatusBadges extra={extra} />
            </Group>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
