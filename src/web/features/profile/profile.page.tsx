import { Badge, Button, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/auth.contract';
import type { Language } from '../../../contracts/constants';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import { hasEmailAddress } from '../../../contracts/workforce.contract';
import { apiGet, apiPatch, apiPost, isApiError } from '../../app/api-client';
import { applyLanguage, currentLanguage, storeLanguage } from '../../app/i18n';
import { applyFieldErrors } from '../../app/problem';
import { queryKeys } from '../../app/query-keys';
import { myDataFileName, saveJsonFile } from '../../app/save-file';
import { useSignedInMe } from '../../app/use-me';
import { useSwitchOrganization } from '../../app/use-session-actions';
import { filledPassword, MIN_PASSWORD_LENGTH, newPassword, requiredText } from '../../app/validators';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PasswordField } from '../../components/password-field.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { RoleBadges } from '../../components/role-badges.component';
import { CounterPinSection } from './counter-pin.section';
import { DigestSection, MyNotesSection } from './learning.sections';
import { FigureViewsSection, PrivacyStatementSection } from './privacy.sections';
import { ReceivedThanksSection } from './thanks.section';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; language?: Language | null }) => apiPatch<Me>('/api/v1/me', body),
    onSuccess: (me) => client.setQueryData(queryKeys.me, me),
  });
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Stack gap="lg" maw={640}>
        <NameSection />
        <LanguageSection />
        {me.member?.roles.some((role) => role !== 'advisor') && <ReceivedThanksSection />}
        {me.member && <DigestSection />}
        {me.member && <MyNotesSection />}
        {me.member?.roles.some((role) => role !== 'advisor') && <CounterPinSection />}
        {/* People who sign in with a code card have no password (their address is a placeholder). */}
        {hasEmailAddress(me.user.email) && <PasswordSection />}
        {me.member && me.activeOrganization && (
          <PrivacyStatementSection organizationName={me.activeOrganization.name} />
        )}
        {me.member && <FigureViewsSection />}
        {me.member && me.activeOrganization && <MyDataSection organizationName={me.activeOrganization.name} />}
        <OrganizationsSection />
      </Stack>
    </>
  );
}

function NameSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const update = useUpdateMe();
  const form = useForm({ initialValues: { name: me.user.name }, validate: { name: requiredText(t) } });
  return (
    <Section title={t('profile.details')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { name: values.name.trim() },
            {
              onSuccess: () => notifySuccess(t('common.saved')),
              onError: (error) => applyFieldErrors(form, t, error),
            },
          ),
        )}
      >
        <Stack>
          <ProblemAlert error={update.error} />
          <TextInput label={t('profile.name')} autoComplete="name" {...form.getInputProps('name')} />
          <div>
            <Text size="sm" fw={500}>
              {t('auth.email')}
            </Text>
            <Text size="sm" c="dimmed">
              {me.user.email}
            </Text>
          </div>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const DEFAULT_CHOICE = 'default';

function LanguageSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const update = useUpdateMe();
  const organizationLanguage = me.activeOrganization?.defaultLanguage;
  // The choice shows at once while it is saved (and the other catalog loads).
  const [pending, setPending] = useState<string | null>(null);
  const choice = pending ?? me.user.language ?? DEFAULT_CHOICE;

  const onChange = (value: string) => {
    const language: Language | null = value === 'nl' || value === 'en' ? value : null;
    const previous = currentLanguage();
    const shown = language ?? organizationLanguage ?? previous;
    setPending(value);
    storeLanguage(shown);
    void applyLanguage(shown);
    update.mutate(
      { language },
      {
        onError: (error) => {
          void applyLanguage(previous);
          notifyError(t, error);
        },
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <Section title={t('profile.preferences')}>
      <Radio.Group
        label={t('common.language')}
        description={
          organizationLanguage
            ? t('profile.languageDefaultHint', { language: organizationLanguage === 'en' ? 'English' : 'Nederlands' })
            : t('profile.languageDefaultHintNoOrg')
        }
        inputWrapperOrder={['label', 'input', 'description']}
        value={choice}
        onChange={onChange}
      >
        <Group gap="lg" my={8}>
          <Radio value="nl" label="Nederlands" size="md" />
          <Radio value="en" label="English" size="md" />
          <Radio value={DEFAULT_CHOICE} label={t('profile.languageDefault')} size="md" />
        </Group>
      </Radio.Group>
    </Section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: { currentPassword: filledPassword(t), newPassword: newPassword(t) },
  });
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => apiPost<void>('/api/v1/me/password', body),
    onSuccess: () => {
      form.reset();
      notifySuccess(t('profile.password.changed'));
    },
    onError: (error) => {
      applyFieldErrors(form, t, error);
      if (
        isApiError(error) &&
        error.fieldErrors.some((e) => e.path === 'body.currentPassword' && e.code === 'invalid_credentials')
      ) {
        form.setFieldError('currentPassword', t('profile.password.wrongCurrent'));
      }
    },
  });
  return (
    <Section title={t('profile.password.title')}>
      <form noValidate onSubmit={form.onSubmit((values) => change.mutate(values))}>
        <Stack>
          <ProblemAlert error={change.error} />
          <input type="email" name="username" value={me.user.email} autoComplete="username" readOnly hidden />
          <PasswordField
            label={t('profile.password.current')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('profile.password.new')}
            description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <Text size="xs" c="dimmed">
            {t('profile.password.otherSessions')}
          </Text>
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function OrganizationsSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const switchOrganization = useSwitchOrganization();
  return (
    <Section title={t('profile.organizations.title')}>
      <Stack gap="sm">
        <ProblemAlert error={switchOrganization.error} />
        {me.organizations.map((organization) => {
          const active = organization.organizationId === me.activeOrganization?.id;
          return (
            <Group key={organization.organizationId} justify="space-between" gap="sm" wrap="wrap">
              <Stack gap={4}>
                <Text fw={600}>{organization.organizationName}</Text>
                <RoleBadges roles={organization.roles} />
              </Stack>
              {active ? (
                <Badge variant="light" color="green">
                  {t('profile.organizations.active')}
                </Badge>
              ) : (
                <Button
                  variant="light"
                  size="sm"
                  loading={switchOrganization.isPending && switchOrganization.variables === organization.organizationId}
                  onClick={() => switchOrganization.mutate(organization.organizationId)}
                  aria-label={`${t('profile.organizations.switch')}: ${organization.organizationName}`}
                >
                  {t('profile.organizations.switch')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}

/** The right of access: everything this organisation holds about me, as one file. */
function MyDataSection({ organizationName }: { organizationName: string }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () => apiGet<MyDataExport>('/api/v1/me/export'),
    onSuccess: (file) => {
      saveJsonFile(myDataFileName(file.exportedAt), file);
      notifySuccess(t('profile.myData.done'));
    },
  });
  return (
    <Section title={t('profile.myData.title')}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('profile.myData.intro', { organization: organizationName })}</Text>
        <Text size="sm" c="dimmed">
          {t('profile.myData.anonymous')}
        </Text>
        <ProblemAlert error={download.error} />
        <Button variant="light" loading={download.isPending} onClick={() => download.mutate()}>
          {t('profile.myData.download')}
        </Button>
      </Stack>
    </Section>
  );
}
