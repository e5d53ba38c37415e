import { Alert, Button, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Role } from '../../contracts/constants';
import type { Invitation } from '../../contracts/org.contract';
import { isLanguage } from '../app/i18n';
import { useCreateInvitation } from '../app/invitations.api';
import { applyFieldErrors } from '../app/problem';
import { useTeams } from '../app/teams.api';
import { useFormat } from '../app/use-format';
import { useSignedInMe } from '../app/use-me';
import { emailAddress } from '../app/validators';
import { CopyButton } from './copy-button.component';
import { FreshDialog } from './form-modal.component';
import { notifySuccess } from './notify';
import { ProblemAlert } from './problem-alert.component';
import { RoleCheckboxes } from './role-checkboxes.component';

interface InviteValues {
  email: string;
  name: string;
  roles: string[];
  teamIds: string[];
  language: string;
}

export function InviteMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('invite.title')}>
      {/* Mounted only while open: every invitation starts with an empty form. */}
      <InviteMemberSteps onDone={onClose} />
    </FreshDialog>
  );
}

/** The form, then — only when no e-mail went out — the link to pass on. */
function InviteMemberSteps({ onDone }: { onDone: () => void }) {
  const [linkReady, setLinkReady] = useState<Invitation | null>(null);
  return linkReady ? (
    <LinkReady invitation={linkReady} onDone={onDone} />
  ) : (
    <InviteMemberForm onDone={onDone} onLinkReady={setLinkReady} />
  );
}

/** Mail is off (or the mail server refused): nothing was sent, so the inviter copies the link and passes it on. */
export function LinkReady({ invitation, onDone }: { invitation: Invitation; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack>
      <Alert color="blue" variant="light" title={t('invite.linkReadyTitle')}>
        {t('invite.linkReadyText', { email: invitation.email, date: format.date(invitation.expiresAt) })}
      </Alert>
      <TextInput
        label={t('invite.link')}
        value={invitation.link ?? ''}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group justify="space-between">
        <CopyButton value={invitation.link ?? ''} context={invitation.email} variant="filled" size="md" />
        <Button variant="default" onClick={onDone}>
          {t('invite.done')}
        </Button>
      </Group>
    </Stack>
  );
}

function InviteMemberForm({
  onDone,
  onLinkReady,
}: {
  onDone: () => void;
  onLinkReady: (invitation: Invitation) => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const teams = useTeams();
  const invite = useCreateInvitation();
  const form = useForm<InviteValues>({
    initialValues: {
      email: '',
      name: '',
      roles: ['member'],
      teamIds: [],
      language: me.activeOrganization?.defaultLanguage ?? 'nl',
    },
    validate: {
      email: emailAddress(t),
      roles: (value: string[]) => (value.length ? null : t('validation.chooseRole')),
    },
  });

  const submit = form.onSubmit((values) => {
    const email = values.email.trim();
    invite.mutate(
      {
        email,
        name: values.name.trim(),
        roles: values.roles as Role[],
        teamIds: values.teamIds,
        ...(isLanguage(values.language) ? { language: values.language as Language } : {}),
      },
      {
        onSuccess: (created) => {
          // "Sent" only when the mail really went; otherwise the link to pass on.
          if (created.mailedAt) {
            notifySuccess(t('invite.sent', { email }));
            onDone();
          } else {
            notifySuccess(t('invite.linkReady', { email }));
            onLinkReady(created);
          }
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    );
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <ProblemAlert error={invite.error} />
        <TextInput
          label={t('invite.email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('email')}
        />
        <TextInput label={t('invite.name')} autoComplete="off" {...form.getInputProps('name')} />
        <RoleCheckboxes
          label={t('invite.roles')}
          value={form.values.roles}
          onChange={(roles) => form.setFieldValue('roles', roles)}
          error={form.errors.roles}
        />
        <MultiSelect
          label={t('invite.teams')}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          placeholder={teams.data && teams.data.length === 0 ? t('invite.noTeams') : undefined}
          disabled={!teams.data || teams.data.length === 0}
          searchable
          {...form.getInputProps('teamIds')}
        />
        <Select
          label={t('invite.language')}
          data={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('language')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
