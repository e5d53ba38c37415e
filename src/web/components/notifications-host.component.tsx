import { lazy, Suspense } from 'react';
import { loadMantineStyles } from '../app/load-mantine-styles';
import { useNotificationsWanted } from './notify';

const Notifications = lazy(() =>
  Promise.all([import('@mantine/notifications'), loadMantineStyles()]).then(([m]) => ({ default: m.Notifications })),
);

/** Where toasts appear; mounted (and its code fetched) only once the first toast is shown. */
export function NotificationsHost({ position }: { position: 'bottom-center' | 'bottom-right' }) {
  const wanted = useNotificationsWanted();
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position={position} limit={3} />
    </Suspense>
  );
}
