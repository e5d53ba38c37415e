import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  PutSsoConnectionBody,
  SsoDomainCheck,
  SsoJoinRequest,
  SsoSettings,
} from '../../../contracts/sso.contract';
import { apiDelete, apiGet, apiPost, apiPut } from '../../app/api-client';
import { applyFieldErrors } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { SettingsSection } from './settings-section.component';

// Single sign-on: the organisation's identity provider (OpenID Connect) and the people who signed in
// with it for the first time and wait to be let in. The client secret is sent, never shown.

const SSO_KEY = ['sso'] as const;
const REQUESTS_KEY = ['sso', 'requests'] as const;

type Values = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  provisioning: 'member' | 'approval';
  required: boolean;
  enabled: boolean;
};

const initial = (settings: SsoSettings | undefined): Values => {
  const c = settings?.connection;
  return {
    issuer: c?.issuer ?? '',
    clientId: c?.clientId ?? '',
    clientSecret: '',
    domains: c?.domains.join(', ') ?? '',
    provisioning: c?.provisioning ?? 'approval',
    required: c?.required ?? false,
    enabled: c?.enabled ?? true,
  };
};

export function SsoSettingsSection() {
  const settings = useQuery({ queryKey: SSO_KEY, queryFn: () => apiGet<SsoSettings>('/api/v1/sso') });
  if (settings.error) return <ProblemAlert error={settings.error} />;
  if (!settings.data) return null;
  return (
    <>
      <SsoForm settings={settings.data} />
      {settings.data.connection && <DomainProof settings={settings.data} />}
      {settings.data.connection && <JoinRequests />}
    </>
  );
}

function SsoForm({ settings }: { settings: SsoSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: initial(settings),
    validate: {
      issuer: (v) => (v.trim() ? null : t('validation.required')),
      clientId: (v) => (v.trim() ? null : t('validation.required')),
      clientSecret: (v) => (v || settings.connection ? null : t('validation.required')),
      domains: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const save = useMutation({
    mutationFn: (body: PutSsoConnectionBody) => apiPut<SsoSettings>('/api/v1/sso', body),
    onSuccess: (saved) => {
      client.setQueryData(SSO_KEY, saved);
      form.setValues(initial(saved));
      form.resetDirty(initial(saved));
      notifySuccess(t('common.saved'));
    },
    onError: (error) => applyFieldErrors(form, t, error),
  });
  const disconnect = useMutation({
    mutationFn: () => apiDelete<null>('/api/v1/sso'),
    onSuccess: () => {
      form.setValues(initial(undefined));
      void client.invalidateQueries({ queryKey: SSO_KEY });
      notifySuccess(t('organization.sso.disconnected'));
    },
  });
  const submit = form.onSubmit((v) =>
    save.mutate({
      issuer: v.issuer.trim(),
      clientId: v.clientId.trim(),
      ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
      domains: v.domains.split(/[\s,;]+/).filter(Boolean),
      provisioning: v.provisioning,
      required: v.required,
      enabled: v.enabled,
    }),
  );

  return (
    <SettingsSection
      id="sso-settings"
      title={t('organization.sso.title')}
      intro={t('organization.sso.intro')}
      error={save.error ?? disconnect.error}
      saving={save.isPending}
      onSubmit={submit}
    >
      <TextInput
        label={t('organization.sso.redirectUri')}
        description={t('organization.sso.redirectUriHint')}
        value={settings.redirectUri}
        readOnly
        variant="filled"
      />
      <TextInput
        label={t('organization.sso.issuer')}
        description={t('organization.sso.issuerHint')}
        type="url"
        maxLength={500}
        {...form.getInputProps('issuer')}
      />
      <TextInput
        label={t('organization.sso.clientId')}
        maxLength={300}
        autoComplete="off"
        {...form.getInputProps('clientId')}
      />
      <PasswordInput
        label={t('organization.sso.clientSecret')}
        description={
          settings.connection ? t('organization.sso.clientSecretKept') : t('organization.sso.clientSecretHint')
        }
        autoComplete="new-password"
        maxLength={1000}
        {...form.getInputProps('clientSecret')}
      />
      <TextInput
        label={t('organization.sso.domains')}
        description={t('organization.sso.domainsHint')}
        {...form.getInputProps('domains')}
      />
      <Radio.Group label={t('organization.sso.provisioning')} {...form.getInputProps('provisioning')}>
        <Stack gap="xs" mt="xs">
          <Radio value="member" label={t('organization.sso.provisioningMember')} />
          <Radio value="approval" label={t('organization.sso.provisioningApproval')} />
        </Stack>
      </Radio.Group>
      <Switch label={t('organization.sso.required')} {...form.getInputProps('required', { type: 'checkbox' })} />
      {form.values.required && (
        <Alert color="yellow" title={t('organization.sso.breakGlassTitle')}>
          {t('organization.sso.breakGlass')}
        </Alert>
      )}
      <Switch label={t('organization.sso.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
      {settings.connection && (
        <Group>
          <Button variant="default" color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
            {t('organization.sso.disconnect')}
          </Button>
        </Group>
      )}
    </SettingsSection>
  );
}

/**
 * A domain counts only once its DNS proves it is the organisation's: the TXT record to add, each
 * domain's state, and a button to look now.
 */
function DomainProof({ settings }: { settings: SsoSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const check = useMutation({
    mutationFn: () => apiPost<SsoDomainCheck>('/api/v1/sso/domains/check'),
    onSuccess: (result) => client.setQueryData(SSO_KEY, result.settings),
  });
  const results = new Map((check.data?.checked ?? []).map((c) => [c.domain, c.result]));
  const states = settings.connection?.domainStates ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      maw={640}
      mt="xl"
      component="section"
      aria-labelledby="sso-proof-title"
    >
      <Stack>
        <Title order={2} size="h4" id="sso-proof-title">
          {t('organization.sso.proofTitle')}
        </Title>
        <Text size="sm">{t('organization.sso.proofIntro')}</Text>
        <TextInput
          label={t('organization.sso.proofRecord')}
          value={settings.verificationRecord}
          readOnly
          variant="filled"
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <ProblemAlert error={check.error} />
        <Table>
          <Table.Tbody>
            {states.map((state) => (
              <Table.Tr key={state.domain}>
                <Table.Td>
                  <Text fw={500}>{state.domain}</Text>
                </Table.Td>
                <Table.Td>
                  {state.proven ? (
                    <Badge color="green" variant="light">
                      {t('organization.sso.proven')}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('organization.sso.unproven')}
                    </Badge>
                  )}
                  {results.has(state.domain) && results.get(state.domain) !== 'proven' && (
                    <Text size="sm" role="status" mt={4}>
                      {t(`organization.sso.check.${results.get(state.domain)!}`)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {states.some((state) => !state.proven) && (
          <Group>
            <Button variant="default" loading={check.isPending} onClick={() => check.mutate()}>
              {t('organization.sso.checkNow')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function JoinRequests() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const requests = useQuery({
    queryKey: REQUESTS_KEY,
    queryFn: () => apiGet<{ items: SsoJoinRequest[] }>('/api/v1/sso/requests'),
  });
  const decide = useMutation({
    mutationFn: ({ request, approve }: { request: SsoJoinRequest; approve: boolean }) =>
      approve
        ? apiPost<null>(`/api/v1/sso/requests/${request.id}/approve`)
        : apiDelete<null>(`/api/v1/sso/requests/${request.id}`),
    onSuccess: (_, { request, approve }) => {
      void client.invalidateQueries({ queryKey: REQUESTS_KEY });
      if (approve) void client.invalidateQueries({ queryKey: ['members'] });
      notifySuccess(t(approve ? 'organization.sso.approved' : 'organization.sso.declined', { name: request.name }));
    },
  });
  const items = requests.data?.items ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      maw={640}
      mt="xl"
      component="section"
      aria-labelledby="sso-requests-title"
    >
      <Stack>
        <Title order={2} size="h4" id="sso-requests-title">
          {t('organization.sso.requestsTitle')}
        </Title>
        <ProblemAlert error={requests.error ?? decide.error} />
        {items.length === 0 ? (
          <Text size="sm">{t('organization.sso.requestsNone')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {items.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Text fw={500}>{request.name}</Text>
                    <Text size="sm">{request.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button
                        size="xs"
                        onClick={() => decide.mutate({ request, approve: true })}
                        aria-label={`${t('organization.sso.approve')}: ${request.name}`}
                      >
                        {t('organization.sso.approve')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => decide.mutate({ request, approve: false })}
                        aria-label={`${t('organization.sso.decline')}: ${request.name}`}
                      >
                        {t('organization.sso.decline')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
