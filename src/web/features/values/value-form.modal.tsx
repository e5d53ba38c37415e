import { Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CoreValue } from '../../../contracts/values.contract';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { useCreateValue, useUpdateValue, type ValueBody } from '../../app/values.api';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { TextListField } from '../../components/text-list-field.component';

/** Add a core value (value null) or edit one: a name, what it means, and 2 to 5 observable behaviours. */
export function ValueFormModal({
  value,
  opened,
  onClose,
}: {
  value: CoreValue | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog
      opened={opened}
      onClose={onClose}
      title={value ? t('values.values.editTitle', { name: value.name }) : t('values.values.add')}
    >
      {value ? <EditValueForm value={value} onDone={onClose} /> : <CreateValueForm onDone={onClose} />}
    </FreshDialog>
  );
}

function CreateValueForm({ onDone }: { onDone: () => void }) {
  const create = useCreateValue();
  return <ValueForm initial={{ name: '', description: '', behaviours: ['', ''] }} mutation={create} onDone={onDone} />;
}

function EditValueForm({ value, onDone }: { value: CoreValue; onDone: () => void }) {
  const update = useUpdateValue(value.id);
  const behaviours = value.behaviours.length >= 2 ? value.behaviours : [...value.behaviours, '', ''].slice(0, 2);
  return (
    <ValueForm
      initial={{ name: value.name, description: value.description, behaviours }}
      mutation={update}
      onDone={onDone}
    />
  );
}

function ValueForm({
  initial,
  mutation,
  onDone,
}: {
  initial: ValueBody;
  mutation: UseMutationResult<CoreValue, Error, ValueBody>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<ValueBody>({
    initialValues: initial,
    validate: {
      name: requiredText(t),
      behaviours: (lines: string[]) => {
        const filled = lines.filter((l) => l.trim());
        if (filled.length < 2) return t('values.values.behavioursMin');
        return filled.length > 5 ? t('values.values.behavioursMax') : null;
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
            behaviours: values.behaviours.map((l) => l.trim()).filter(Boolean),
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
        <TextInput label={t('values.values.name')} maxLength={80} data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('values.values.description')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('description')}
        />
        <TextListField
          label={t('values.values.behaviours')}
          description={t('values.values.behavioursHint')}
          itemLabel={(n) => t('values.values.behaviourN', { n })}
          addLabel={t('values.values.addBehaviour')}
          value={form.values.behaviours}
          onChange={(lines) => form.setFieldValue('behaviours', lines)}
          min={2}
          max={5}
          maxLength={200}
          error={form.errors.behaviours}
        />
        <FormActions onCancel={onDone} saving={mutation.isPending} />
      </Stack>
    </form>
  );
}
