import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { formErrorsOf, sameField } from './form-errors';

interface FormModalProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  saving: boolean;
  /** A refusal that is not about one field (step_closed, promise_settled …), in the person's language. */
  error?: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** The one shape of every small form on a promise: full screen on a phone, the problem on top, Cancel and the action below. */
export function FormModal({ opened, title, submitLabel, saving, error, onSubmit, onClose, children }: FormModalProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={phone} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          <ProblemAlert error={error} />
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * What every small form on a promise does around its call: close resets the form and the call, a
 * success tells and closes, a refusal puts the server's field errors on the fields.
 */
export function useFormModalActions(
  form: { reset: () => void; setErrors: (errors: Record<string, string>) => void },
  mutation: { reset: () => void },
  onClose: () => void,
) {
  const { t } = useTranslation();
  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };
  return {
    close,
    succeeded: (message: string) => {
      notifySuccess(message);
      close();
    },
    failed: (error: unknown) => form.setErrors(formErrorsOf(t, error, sameField)),
  };
}
