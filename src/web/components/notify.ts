import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { problemMessage, shouldShowRequestId } from '../app/problem';

export function notifySuccess(message: string) {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(t: TFunction, error: unknown) {
  const message = problemMessage(t, error);
  notifications.show({
    color: 'red',
    message: shouldShowRequestId(error) ? `${message} ${t('common.requestId', { requestId: error.requestId })}` : message,
    autoClose: 8000,
  });
}
