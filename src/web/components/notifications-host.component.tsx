import { Suspense } from 'react';
import { lazyIsland } from '../app/mantine-island';
import { useNotificationsWanted } from './notify';

const Notifications = lazyIsland(() => import('@mantine/notifications').then((m) => m.Notifications));

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
