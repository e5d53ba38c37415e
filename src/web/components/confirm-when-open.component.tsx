import { Suspense } from 'react';
import { lazyIsland } from '../app/mantine-island';
import type { ConfirmModalProps } from './confirm.modal';

const LazyConfirm = lazyIsland(() => import('./confirm.modal').then((m) => m.ConfirmModal));

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
