import { Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsOf, sameField } from '../app/form-errors';
import { Modal } from './modal.component';
import { notifySuccess } from './notify';
import { ProblemAlert } from './problem-alert.component';
import { useIsPhone } from './use-is-phone';

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

/** The one shape of every small form in a dialog: full screen on a phone, the problem on top, Cancel and the action below. */
export function FormModal({ opened, title, submitLabel, saving, error, onSubmit, onClose, children }: FormModalProps) {
  return (
    <FreshDialog opened={opened} onClose={onClose} title={title}>
      <ModalForm submitLabel={submitLabel} saving={saving} error={error} onSubmit={onSubmit} onCancel={onClose}>
        {children}
      </ModalForm>
    </FreshDialog>
  );
}

/**
 * A dialog whose inside is mounted only while it is open, so every opening starts from fresh values and
 * asks the server only then: full screen on a phone, a close button with a name.
 */
export function FreshDialog({
  opened,
  title,
  onClose,
  centered,
  fullScreenOnPhone = true,
  children,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  centered?: boolean;
  /** false for a short question that fits any screen */
  fullScreenOnPhone?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      fullScreen={fullScreenOnPhone && phone}
      size={fullScreenOnPhone ? 'lg' : undefined}
      centered={centered}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && children}
    </Modal>
  );
}

/**
 * The inside of a form dialog: an optional line of explanation, the problem, the fields, Cancel and the
 * action. For a dialog that mounts its form only while open (so each opening starts from fresh values),
 * inside its own Modal; FormModal wraps it for the rest.
 */
export function ModalForm({
  submitLabel,
  saving,
  error,
  intro,
  onSubmit,
  onCancel,
  children,
}: {
  submitLabel: string;
  saving: boolean;
  error?: unknown;
  /** Said above the problem and the fields. */
  intro?: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {intro}
        <ProblemAlert error={error} />
        {children}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * What every small form in a dialog does around its call: close resets the form and the call, a
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
