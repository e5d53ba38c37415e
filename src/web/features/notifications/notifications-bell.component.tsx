import { useDisclosure } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { loadCatalogParts } from '../../app/i18n';
import { lazyIsland } from '../../app/mantine-island';
import { BellButton } from './notifications-bell-button.component';

// The dropdown (and Mantine's popover code) loads only when the bell is first pressed, with the whole
// catalog: a notice can come from any part of the app (a page may have loaded only its own parts).
const NotificationsPopover = lazyIsland(() =>
  Promise.all([import('./notifications-popover.component'), loadCatalogParts()]).then(([m]) => m.NotificationsPopover),
);

/** The bell in the header, polling the unread count; pressed, it lists the notifications in a dropdown. */
export function NotificationsBell() {
  const [opened, dropdown] = useDisclosure(false);
  const [used, setUsed] = useState(false);
  if (!used) {
    return (
      <BellButton
        opened={false}
        onClick={() => {
          setUsed(true);
          dropdown.open();
        }}
      />
    );
  }
  return (
    <Suspense fallback={<BellButton opened={false} onClick={() => undefined} />}>
      <NotificationsPopover opened={opened} onToggle={dropdown.toggle} onClose={dropdown.close} />
    </Suspense>
  );
}
