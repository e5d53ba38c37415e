import { Button, Checkbox, Group, Radio, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import type { ReactionRequestState } from '../../contracts/reaction-requests.contract';
import { useReactionRequest, useSendReactionRequest } from '../app/reaction-requests.api';
import { useFormat } from '../app/use-format';
import { emailAddress } from '../app/validators';
import type { LinkSubject } from '../app/voice-links';
import { FormModal, useFormModalActions } from './form-modal.component';

// "Vraag om een klantreactie per e-mail": the customer of an extra or a delivered promise gets the
// reaction link by e-mail, once, in their language, after they agreed. Afterwards: "Verstuurd op …".

interface Props {
  subject: LinkSubject;
  id: string;
  /** What the page knows: a promise is delivered (fresher than the state read before delivery). */
  ready?: boolean;
}

/** The action, or why there is none: sent on a day, no mail on this server, not yet delivered. */
export function ReactionRequestAction({ subject, id, ready }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, modal] = useDisclosure(false);
  const state = useReactionRequest(subject, id);
  if (!state.data) return null;
  const { request, mailAvailable } = state.data;
  if (request) {
    return (
      <div role="status">
        <Text size="sm" fw={600}>
          {t('voice.request.sentOn', { date: format.date(request.sentAt) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('voice.request.sentBy', { date: format.date(request.sentAt, true), name: request.sentByName ?? '—' })}
          {request.reacted ? ` ${t('voice.request.reacted')}` : ''}
        </Text>
      </div>
    );
  }
  if (!mailAvailable)
    return (
      <Text size="sm" c="dimmed">
        {t('voice.request.noMail')}
      </Text>
    );
  if (!(ready ?? state.data.ready))
    return (
      <Text size="sm" c="dimmed">
        {t('voice.request.notDelivered')}
      </Text>
    );
  return (
    <>
      <Button variant="default" onClick={modal.open} aria-haspopup="dialog">
        {t('voice.request.open')}
      </Button>
      <ReactionRequestModal subject={subject} id={id} state={state.data} opened={opened} onClose={modal.close} />
    </>
  );
}

interface FormValues {
  email: string;
  language: Language;
  consent: boolean;
}

/** The address, the customer's language and their consent; a success tells and closes, a refusal shows why. */
function ReactionRequestModal({
  subject,
  id,
  state,
  opened,
  onClose,
}: Props & { state: ReactionRequestState; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useSendReactionRequest(subject, id);
  const form = useForm<FormValues>({
    initialValues: { email: '', language: state.defaultLanguage, consent: false },
    validate: {
      email: emailAddress(t),
      consent: (value) => (value ? null : t('voice.request.consentRequired')),
    },
  });
  const actions = useFormModalActions(form, send, onClose);
  const submit = form.onSubmit((values) =>
    send.mutate(
      { email: values.email.trim(), language: values.language, consent: true },
      { onSuccess: () => actions.succeeded(t('voice.request.sentNotice')), onError: actions.failed },
    ),
  );
  return (
    <FormModal
      opened={opened}
      title={t('voice.request.title')}
      submitLabel={t('voice.request.send')}
      saving={send.isPending}
      error={send.error}
      onSubmit={submit}
      onClose={actions.close}
    >
      <Text size="sm">{t('voice.request.intro')}</Text>
      <TextInput
        type="email"
        label={t('voice.request.email')}
        autoComplete="off"
        maxLength={254}
        required
        data-autofocus
        {...form.getInputProps('email')}
      />
      <Radio.Group label={t('voice.request.language')} {...form.getInputProps('language')}>
        <Group gap="lg" mt={8}>
          <Radio value="nl" label="Nederlands" lang="nl" />
          <Radio value="en" label="English" lang="en" />
        </Group>
      </Radio.Group>
      <Checkbox
        label={t('voice.request.consent')}
        description={t('voice.request.consentHint')}
        required
        {...form.getInputProps('consent', { type: 'checkbox' })}
      />
    </FormModal>
  );
}
