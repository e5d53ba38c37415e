import i18next, { type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { loadMantineStyles } from '../app/load-mantine-styles';
import { isTemporary, problemMessage, shouldShowRequestId } from '../app/problem';

// Toasts. Their code (Mantine's notifications and its transitions, ~10 KiB) is fetched with the first
// toast, not with every page: NotificationsHost mounts the container once one is wanted.

let wanted = false;
const listeners = new Set<() => void>();

function show(data: { color: string; message: string; autoClose: number }) {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  // The toast's close button is named, so a screen reader says what it does (axe: button-name).
  const closeButtonProps = { 'aria-label': i18next.t('common.close') };
  void Promise.all([import('@mantine/notifications'), loadMantineStyles()]).then(([{ notifications }]) =>
    notifications.show({ ...data, closeButtonProps }),
  );
}

export function useNotificationsWanted(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
  );
}

export function notifySuccess(message: string) {
  show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(t: TFunction, error: unknown) {
  const message = problemMessage(t, error);
  show({
    // A moment's outage is said calmly: nothing went wrong on the person's side.
    color: isTemporary(error) ? 'yellow' : 'red',
    message: shouldShowRequestId(error)
      ? `${message} ${t('common.requestId', { requestId: error.requestId })}`
      : message,
    autoClose: 8000,
  });
}
