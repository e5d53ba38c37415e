import { Button, Card, Group, Input, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType, UseFormReturnType } from '@mantine/form';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeam } from '../../app/teams.api';
import { emptyStep, MAX_STEPS, type PromiseFormValues } from './promise-form';

type PromiseForm = UseFormReturnType<PromiseFormValues>;
interface TeamOption {
  value: string;
  label: string;
}

/**
 * The hand-offs that keep the promise, in order: which team does what by when (and who, if you know).
 * Each one hands over to the next; the last hands back to the maker's team.
 */
export function HandoffStepsField({ form, teams, today }: { form: PromiseForm; teams: TeamOption[]; today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const steps = form.values.steps;
  return (
    <Input.Wrapper
      label={t('promises.form.steps')}
      description={t('promises.form.stepsHint')}
      labelElement="div"
      id={id}
      error={form.errors.steps}
    >
      <Stack
        gap="sm"
        mt={6}
        component="ol"
        aria-labelledby={`${id}-label`}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {steps.map((step, index) => (
          <li key={step.key}>
            <StepRow form={form} index={index} teams={teams} today={today} />
          </li>
        ))}
      </Stack>
      {steps.length < MAX_STEPS && (
        <Button
          variant="light"
          mt="sm"
          onClick={() => {
            const last = steps.at(-1);
            form.insertListItem('steps', emptyStep('', form.values.dueDate || last?.dueDate || ''));
          }}
        >
          {t('promises.form.addStep')}
        </Button>
      )}
    </Input.Wrapper>
  );
}

function StepRow({
  form,
  index,
  teams,
  today,
}: {
  form: PromiseForm;
  index: number;
  teams: TeamOption[];
  today: string;
}) {
  const { t } = useTranslation();
  const count = form.values.steps.length;
  const step = form.values.steps[index]!;
  const path = `steps.${index}`;
  const n = index + 1;
  return (
    <Card withBorder padding="sm" radius="md">
      <Group justify="space-between" gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {t('promises.form.stepNumber', { n })}
        </Text>
        <Group gap={4}>
          {index > 0 && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-label={t('promises.form.moveUpLabel', { n })}
              onClick={() => form.reorderListItem('steps', { from: index, to: index - 1 })}
            >
              {t('promises.form.moveUp')}
            </Button>
          )}
          {index < count - 1 && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-label={t('promises.form.moveDownLabel', { n })}
              onClick={() => form.reorderListItem('steps', { from: index, to: index + 1 })}
            >
              {t('promises.form.moveDown')}
            </Button>
          )}
          {count > 1 && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              aria-label={t('promises.form.removeStepLabel', { n })}
              onClick={() => form.removeListItem('steps', index)}
            >
              {t('promises.form.removeStep')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label={t('promises.form.stepTeam')}
            withAsterisk
            data={[{ value: '', label: t('promises.form.chooseTeam') }, ...teams]}
            {...form.getInputProps(`${path}.teamId`)}
            onChange={(event) => {
              form.setFieldValue(`${path}.teamId`, event.currentTarget.value);
              form.setFieldValue(`${path}.ownerMemberId`, '');
            }}
          />
          <TextInput
            type="date"
            label={t('promises.form.stepDue')}
            withAsterisk
            min={today}
            max={form.values.dueDate || undefined}
            {...form.getInputProps(`${path}.dueDate`)}
          />
        </SimpleGrid>
        <TextInput
          label={t('promises.form.stepWhat')}
          withAsterisk
          maxLength={300}
          autoComplete="off"
          {...form.getInputProps(`${path}.what`)}
        />
        {step.teamId ? (
          <OwnerSelect teamId={step.teamId} inputProps={form.getInputProps(`${path}.ownerMemberId`)} />
        ) : null}
      </Stack>
    </Card>
  );
}

/** Who of the team does it (optional): the team's members, asked only once a team is chosen. */
function OwnerSelect({ teamId, inputProps }: { teamId: string; inputProps: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  const team = useTeam(teamId);
  const members = team.data?.members ?? [];
  return (
    <NativeSelect
      label={t('promises.form.stepOwner')}
      data={[
        { value: '', label: t('promises.form.noOwner') },
        ...members.map((member) => ({ value: member.id, label: member.name })),
      ]}
      disabled={team.isPending}
      {...inputProps}
    />
  );
}
