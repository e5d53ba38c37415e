import { lazy, Suspense } from 'react';
import { loadMantineStyles } from '../app/load-mantine-styles';
import type { ConfirmModalProps } from './confirm.modal';

const LazyConfirm = lazy(() =>
  Promise.all([import('./confirm.modal'), loadMantineStyles()]).then(([m]) => ({ default: m.ConfirmModal })),
);

/**
 * The same question, its code (Mantine's Modal, which brings @floating-ui along) fetched only when it
 * opens: for places on every page's first screen, such as the shell and the log screen.
 */
export function ConfirmModalWhenOpen(props: ConfirmModalProps) {
  if (!props.opened) return null;
  return (
    <Suspense fallback={null}>
      <LazyConfirm {...props} />
    </Suspense>
  );
}
