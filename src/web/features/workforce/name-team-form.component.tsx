import { Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useTeamOptions } from './workforce.api';

interface NameTeamFormProps {
  title: string;
  nameLabel: string;
  namePlaceholder?: string;
  nameMax: number;
  teamLabel: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Called with a filled name and team; calls `done` on success to empty the form. */
  onSubmit: (values: { name: string; teamId: string }, done: () => void) => void;
}

/** A name and a team: adding a person without an e-mail address, making a counter device. */
export function NameTeamForm({
  title,
  nameLabel,
  namePlaceholder,
  nameMax,
  teamLabel,
  submitLabel,
  pending,
  error,
  onSubmit,
}: NameTeamFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const teams = useTeamOptions();
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Text component="h2" id={headingId} fw={700} size="lg" mb="xs">
        {title}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!name.trim() || !teamId) return;
          onSubmit({ name: name.trim(), teamId }, () => {
            setName('');
            setTried(false);
          });
        }}
      >
        <Stack>
          <ProblemAlert error={error} />
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={nameLabel}
              placeholder={namePlaceholder}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={nameMax}
              error={tried && !name.trim() ? t('validation.required') : undefined}
            />
            <Select
              label={teamLabel}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={teamId}
              onChange={setTeamId}
              required
              searchable
              error={tried && !teamId ? t('validation.required') : undefined}
            />
          </Group>
          <Group>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
