import { Button, Checkbox, Group, Modal, Radio, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import type { ReactionRequestState } from '../../contracts/reaction-requests.contract';
import { applyFieldErrors } from '../app/problem';
import { useReactionRequest, useSendReactionRequest } from '../app/reaction-requests.api';
import { useFormat } from '../app/use-format';
import { emailAddress } from '../app/validators';
import type { LinkSubject } from '../app/voice-links';
import { ModalForm } from './form-modal.component';
import { notifySuccess } from './notify';
import { useIsPhone } from './use-is-phone';

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

function ReactionRequestModal({
  opened,
  onClose,
  ...props
}: Props & { state: ReactionRequestState; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('voice.request.title')}
      fullScreen={phone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <ReactionRequestForm {...props} onClose={onClose} />}
    </Modal>
  );
}

interface FormValues {
  email: string;
  language: Language;
  consent: boolean;
}

function ReactionRequestForm({
  subject,
  id,
  state,
  onClose,
}: Props & { state: ReactionRequestState; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useSendReactionRequest(subject, id);
  const form = useForm<FormValues>({
    initialValues: { email: '', language: state.defaultLanguage, consent: false },
    validate: {
      email: emailAddress(t),
      consent: (value) => (value ? null : t('voice.request.consentRequired')),
    },
  });
  const submit = form.onSubmit((values) =>
    send.mutate(
      { email: values.email.trim(), language: values.language, consent: true },
      {
        onSuccess: () => {
          notifySuccess(t('voice.request.sentNotice'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    ),
  );
  return (
    <ModalForm
      submitLabel={t('voice.request.send')}
      saving={send.isPending}
      error={send.error}
      intro={<Text size="sm">{t('voice.request.intro')}</Text>}
      onSubmit={submit}
      onCancel={onClose}
    >
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
    </ModalForm>
  );
}
