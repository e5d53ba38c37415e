import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../contracts/constants';
import type { Member } from '../../../contracts/org.contract';
import { useUpdateMember } from '../../app/members.api';
import { applyFieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions.component';
import { Modal } from '../../components/modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { RoleCheckboxes } from '../../components/role-checkboxes.component';
import { useIsPhone } from '../../components/use-is-phone';

export function MemberEditModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Modal
      opened={!!member}
      onClose={onClose}
      title={member ? t('members.editTitle', { name: member.name }) : ''}
      fullScreen={phone}
    >
      {member && <MemberEditForm key={member.id} member={member} onDone={onClose} />}
    </Modal>
  );
}

function MemberEditForm({ member, onDone }: { member: Member; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const form = useForm({
    initialValues: { roles: member.roles as string[], jobTitle: member.jobTitle ?? '' },
    validate: { roles: (value: string[]) => (value.length ? null : t('validation.chooseRole')) },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      { memberId: member.id, roles: values.roles as Role[], jobTitle: values.jobTitle.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          onDone();
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <ProblemAlert error={update.error} />
        <RoleCheckboxes
          label={t('members.roles')}
          value={form.values.roles}
          onChange={(roles) => form.setFieldValue('roles', roles)}
          error={form.errors.roles}
        />
        <TextInput label={t('members.jobTitle')} {...form.getInputProps('jobTitle')} />
        <FormActions onCancel={onDone} saving={update.isPending} />
      </Stack>
    </form>
  );
}
