import { Alert, Button, Checkbox, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../app/problem';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useLearningSettings, useUpdateLearningSettings } from './learning-settings.api';

/**
 * Per-member figures in the managers' conversation view. Dutch law treats a system that can monitor
 * staff as needing the works council's consent, so switching them on records that consent.
 */
export function LearningSettingsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useLearningSettings();
  const update = useUpdateLearningSettings();
  const [editing, setEditing] = useState(false);
  const [confirmOff, setConfirmOff] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [agreedOn, setAgreedOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const today = new Date().toISOString().slice(0, 10);

  const switchOn = () => {
    const missing: Record<string, string> = {};
    if (!agreed) missing.worksCouncilAgreed = t('learningSettings.agreeRequired');
    if (!agreedOn) missing.worksCouncilAgreedOn = t('validation.required');
    if (!note.trim()) missing.worksCouncilNote = t('validation.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    update.mutate(
      {
        memberComparison: true,
        worksCouncilAgreed: true,
        worksCouncilAgreedOn: agreedOn,
        worksCouncilNote: note.trim(),
      },
      {
        onSuccess: () => {
          setEditing(false);
          notifySuccess(t('learningSettings.switchedOn'));
        },
        onError: (error) =>
          applyFieldErrors({ setErrors: (found) => setErrors((e) => ({ ...e, ...found })) }, t, error),
      },
    );
  };

  const data = settings.data;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={640} mt="xl">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('learningSettings.title')}
        </Title>
        <Text size="sm">{t('learningSettings.intro')}</Text>
        <ProblemAlert error={settings.error ?? update.error} />
        {data &&
          (data.memberComparison ? (
            <>
              <Alert color="blue" variant="light">
                {t('learningSettings.onSince', {
                  date: data.since ? format.date(data.since) : '',
                  name: data.by?.name ?? '',
                  agreedOn: data.worksCouncilAgreedOn ? format.date(`${data.worksCouncilAgreedOn}T12:00:00Z`) : '',
                })}
                {data.worksCouncilNote && (
                  <Text size="sm" mt={4}>
                    {t('learningSettings.reference', { note: data.worksCouncilNote })}
                  </Text>
                )}
              </Alert>
              <Group>
                <Button variant="default" onClick={() => setConfirmOff(true)}>
                  {t('learningSettings.switchOff')}
                </Button>
              </Group>
            </>
          ) : editing ? (
            <Stack gap="sm">
              <Checkbox
                label={t('learningSettings.agree')}
                checked={agreed}
                onChange={(event) => setAgreed(event.currentTarget.checked)}
                error={errors.worksCouncilAgreed}
              />
              <TextInput
                type="date"
                label={t('learningSettings.agreedOn')}
                max={today}
                value={agreedOn}
                onChange={(event) => setAgreedOn(event.currentTarget.value)}
                error={errors.worksCouncilAgreedOn}
              />
              <TextInput
                label={t('learningSettings.note')}
                description={t('learningSettings.noteHint')}
                maxLength={500}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                error={errors.worksCouncilNote}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
                <Button onClick={switchOn} loading={update.isPending}>
                  {t('learningSettings.switchOn')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Switch label={t('learningSettings.offLabel')} checked={false} onChange={() => setEditing(true)} />
          ))}
      </Stack>
      <ConfirmModal
        opened={confirmOff}
        title={t('learningSettings.confirmOffTitle')}
        message={t('learningSettings.confirmOffText')}
        confirmLabel={t('learningSettings.switchOff')}
        color="blue"
        loading={update.isPending}
        error={update.error}
        onConfirm={() =>
          update.mutate(
            { memberComparison: false },
            {
              onSuccess: () => {
                setConfirmOff(false);
                notifySuccess(t('learningSettings.switchedOff'));
              },
            },
          )
        }
        onClose={() => setConfirmOff(false)}
      />
    </Paper>
  );
}
