import { Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Offering } from '../../../contracts/values.contract';
import { parseWholeNumber } from '../../app/money';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { type OfferingBody, useCreateOffering, useUpdateOffering } from '../../app/values.api';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { TextListField } from '../../components/text-list-field.component';

interface OfferingValues {
  name: string;
  description: string;
  audience: string;
  leadTimeDays: string;
  conditions: string[];
}

/** Add an offering (offering null) or edit one: what, for whom, the shortest lead time, the conditions. */
export function OfferingFormModal({
  offering,
  opened,
  onClose,
}: {
  offering: Offering | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog
      opened={opened}
      onClose={onClose}
      title={offering ? t('values.offer.editTitle', { name: offering.name }) : t('values.offer.add')}
    >
      {offering ? <EditOfferingForm offering={offering} onDone={onClose} /> : <CreateOfferingForm onDone={onClose} />}
    </FreshDialog>
  );
}

function CreateOfferingForm({ onDone }: { onDone: () => void }) {
  const create = useCreateOffering();
  return (
    <OfferingForm
      initial={{ name: '', description: '', audience: '', leadTimeDays: '', conditions: [] }}
      mutation={create}
      onDone={onDone}
    />
  );
}

function EditOfferingForm({ offering, onDone }: { offering: Offering; onDone: () => void }) {
  const update = useUpdateOffering(offering.id);
  return (
    <OfferingForm
      initial={{
        name: offering.name,
        description: offering.description,
        audience: offering.audience,
        leadTimeDays: offering.leadTimeDays === null ? '' : String(offering.leadTimeDays),
        conditions: offering.conditions,
      }}
      mutation={update}
      onDone={onDone}
    />
  );
}

function OfferingForm({
  initial,
  mutation,
  onDone,
}: {
  initial: OfferingValues;
  mutation: UseMutationResult<Offering, Error, OfferingBody>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<OfferingValues>({
    initialValues: initial,
    validate: {
      name: requiredText(t),
      leadTimeDays: (v: string) => {
        if (!v.trim()) return null;
        const days = parseWholeNumber(v);
        return days === null || days > 3650 ? t('values.offer.leadTimeInvalid') : null;
      },
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        mutation.mutate(
          {
            name: values.name.trim(),
            description: values.description.trim(),
            audience: values.audience.trim(),
            leadTimeDays: values.leadTimeDays.trim() ? parseWholeNumber(values.leadTimeDays) : null,
            conditions: values.conditions.map((c) => c.trim()).filter(Boolean),
          },
          {
            onSuccess: () => {
              notifySuccess(t('common.saved'));
              onDone();
            },
            onError: (error) => applyFieldErrors(form, t, error),
          },
        ),
      )}
    >
      <Stack>
        <ProblemAlert error={mutation.error} />
        <TextInput label={t('values.offer.name')} maxLength={120} data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('values.offer.description')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('description')}
        />
        <TextInput label={t('values.offer.forWhom')} maxLength={300} {...form.getInputProps('audience')} />
        <TextInput
          label={t('values.offer.leadTime')}
          description={t('values.offer.leadTimeHint')}
          inputMode="numeric"
          autoComplete="off"
          maw={220}
          {...form.getInputProps('leadTimeDays')}
        />
        <TextListField
          label={t('values.offer.conditions')}
          itemLabel={(n) => t('values.offer.conditionN', { n })}
          addLabel={t('values.offer.addCondition')}
          value={form.values.conditions}
          onChange={(lines) => form.setFieldValue('conditions', lines)}
          max={20}
          maxLength={300}
          error={form.errors.conditions}
        />
        <FormActions onCancel={onDone} saving={mutation.isPending} />
      </Stack>
    </form>
  );
}
