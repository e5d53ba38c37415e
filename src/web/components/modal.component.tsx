import type { ModalProps } from '@mantine/core';
import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useRef } from 'react';

/**
 * A dialog whose code is fetched when it is first opened rather than with every page that could open
 * it: a page with a few buttons that open dialogs loads none of them (nor their forms' checks) until one
 * is tapped. Once opened it stays, so closing and opening again animate as before. Call it once, at the
 * top of a module, as with React's lazy.
 */
export function lazyDialog<P extends { opened: boolean }>(load: () => Promise<ComponentType<P>>) {
  const dialog = lazy(() => load().then((component) => ({ default: component })));
  return (props: P) => <OnceOpened dialog={dialog} props={props} />;
}

function OnceOpened<P extends { opened: boolean }>({
  dialog: Dialog,
  props,
}: {
  dialog: LazyExoticComponent<ComponentType<P>>;
  props: P;
}) {
  const everOpened = useRef(false);
  if (props.opened) everOpened.current = true;
  if (!everOpened.current) return null;
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}

/** Mantine's Modal, its code (focus trap, portal, scroll area) fetched when it is first opened. */
export const Modal = lazyDialog<ModalProps>(() => import('./mantine-modal').then((m) => m.Modal));
