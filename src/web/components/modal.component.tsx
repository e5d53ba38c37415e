import type { ModalProps } from '@mantine/core';
import { type ComponentType, lazy, Suspense, useRef } from 'react';

/**
 * A dialog whose code is fetched when it is first opened rather than with every page that could open
 * it: a page with a few buttons that open dialogs loads none of them (nor their forms' checks) until one
 * is tapped. Once opened it stays, so closing and opening again animate as before.
 */
export function lazyDialog<P extends { opened: boolean }>(load: () => Promise<ComponentType<P>>) {
  const Dialog = lazy(() => load().then((component) => ({ default: component })));
  return function LazyDialog(props: P) {
    const everOpened = useRef(false);
    if (props.opened) everOpened.current = true;
    if (!everOpened.current) return null;
    return (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    );
  };
}

/** Mantine's Modal, its code (focus trap, portal, scroll area) fetched when it is first opened. */
export const Modal = lazyDialog<ModalProps>(() => import('./mantine-modal').then((m) => m.Modal));
