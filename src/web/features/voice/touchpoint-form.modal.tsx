import { Input, NativeSelect, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../contracts/voice.contract';
import { useTeams } from '../../app/teams.api';
import type { VoiceScale } from '../../app/voice-scores';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useCreateTouchpoint, useUpdateTouchpoint } from './voice.api';
import { TOUCHPOINT_NAME_MAX, touchpointNameError } from './voice-model';

interface TouchpointValues {
  name: string;
  scale: VoiceScale;
  /** '' is no team: the whole organisation (a very negative reaction then goes to the directors). */
  teamId: string;
}

/**
 * Adds a touchpoint, or renames and reassigns one (`touchpoint` given). The scale is chosen once:
 * reactions already given must stay comparable.
 */
export function TouchpointFormModal({
  touchpoint,
  opened,
  onClose,
}: {
  touchpoint?: Touchpoint;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const scaleId = useId();
  const teams = useTeams({ enabled: opened });
  const create = useCreateTouchpoint();
  const update = useUpdateTouchpoint();
  const mutation = touchpoint ? update : create;
  const form = useForm<TouchpointValues>({
    initialValues: {
      name: touchpoint?.name ?? '',
      scale: touchpoint?.scale ?? 'agree5',
      teamId: touchpoint?.teamId ?? '',
    },
    validate: {
      name: (value) => {
        const key = touchpointNameError(value);
        return key ? t(key) : null;
      },
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, mutation, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    const name = form.values.name.trim();
    const teamId = form.values.teamId || null;
    if (touchpoint) {
      update.mutate(
        { touchpointId: touchpoint.id, name, teamId },
        { onSuccess: () => succeeded(t('voice.touchpoints.saved')), onError: failed },
      );
    } else {
      create.mutate(
        { name, scale: form.values.scale, teamId },
        { onSuccess: () => succeeded(t('voice.touchpoints.added')), onError: failed },
      );
    }
  };
  // A team the list does not hold (yet, or any more) stays choosable under its known name.
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  if (touchpoint?.teamId && !teamOptions.some((o) => o.value === touchpoint.teamId)) {
    teamOptions.push({ value: touchpoint.teamId, label: touchpoint.teamName ?? '…' });
  }
  return (
    <FormModal
      opened={opened}
      title={touchpoint ? t('voice.touchpoints.editTitle') : t('voice.touchpoints.addTitle')}
      submitLabel={touchpoint ? t('common.save') : t('voice.touchpoints.add')}
      saving={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={close}
    >
      <TextInput
        label={t('voice.touchpoints.name')}
        description={t('voice.touchpoints.nameHint')}
        withAsterisk
        maxLength={TOUCHPOINT_NAME_MAX}
        data-autofocus
        {...form.getInputProps('name')}
      />
      {touchpoint ? (
        <Text size="sm">
          {t('voice.touchpoints.scaleFixed', {
            scale: touchpoint.scale === 'scale10' ? t('voice.scale.scale10') : t('voice.scale.agree5'),
          })}
        </Text>
      ) : (
        <Input.Wrapper
          label={t('voice.touchpoints.scale')}
          description={t('voice.touchpoints.scaleHint')}
          id={scaleId}
          labelElement="div"
        >
          <SegmentedControl
            mt={6}
            fullWidth
            aria-labelledby={`${scaleId}-label`}
            value={form.values.scale}
            onChange={(value) => form.setFieldValue('scale', value as VoiceScale)}
            data={[
              { value: 'agree5', label: t('voice.scale.agree5') },
              { value: 'scale10', label: t('voice.scale.scale10') },
            ]}
          />
        </Input.Wrapper>
      )}
      <NativeSelect
        label={t('voice.touchpoints.team')}
        description={t('voice.touchpoints.teamHint')}
        data={[{ value: '', label: t('voice.touchpoints.noTeam') }, ...teamOptions]}
        {...form.getInputProps('teamId')}
      />
    </FormModal>
  );
}
