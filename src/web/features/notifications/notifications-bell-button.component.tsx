import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../../app/notifications.api';

// Apart from the bell so the dropdown, loaded later, can show the same button without importing the bell back.

function BellIcon() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell itself: how many notifications are unread. */
export const BellButton = forwardRef<HTMLButtonElement, { opened: boolean; onClick: () => void }>(function BellButton(
  { opened, onClick, ...rest },
  ref,
) {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const unread = notifications.data?.unread ?? 0;
  // A plain button (light.css): the bell is on every signed-in page's first screen, the log screen's too.
  return (
    <button
      ref={ref}
      type="button"
      className="kw-icon-button"
      {...rest}
      onClick={onClick}
      aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.title')}
      aria-expanded={opened}
    >
      <BellIcon />
      {unread > 0 && (
        <span className="kw-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
});
