import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LightButton } from '../components/light.component';
import { applyUpdate, useAppUpdate } from './app-update';
import { sendOutbox, useOutbox } from './outbox';
import { queryKeys } from './query-keys';

const RETRY_EVERY_MS = 20_000;

function subscribeOnline(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** Sends what waits now; what was saved shows up in the lists and in what is left of the mandate. */
export function useSendOutbox(memberId: string | undefined) {
  const client = useQueryClient();
  return async () => {
    if (!memberId || !navigator.onLine) return;
    const saved = await sendOutbox(memberId);
    if (saved > 0) {
      for (const key of [queryKeys.extras, queryKeys.myMandate, queryKeys.feed])
        void client.invalidateQueries({ queryKey: key });
    }
  };
}

/**
 * Sends the outbox by itself: when the app opens, when the connection comes back, when the app comes
 * to the front, and every 20 seconds while something waits. What was saved shows up in the lists.
 */
export function useOutboxSender(memberId: string | undefined) {
  const send = useSendOutbox(memberId);
  const waiting = useOutbox(memberId).filter((i) => i.state === 'waiting').length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the listeners are set again only when the member or whether anything waits changes, not on every new count
  useEffect(() => {
    if (!memberId) return;
    const flush = () => void send();
    flush();
    const onVisible = () => document.visibilityState === 'visible' && flush();
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onVisible);
    const timer = waiting > 0 ? window.setInterval(flush, RETRY_EVERY_MS) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
      if (timer) window.clearInterval(timer);
    };
    // send is made anew each render; who is signed in and whether anything waits say when to rewire.
  }, [memberId, waiting > 0]);
}

/** In the header: offline, and how many extras wait on this phone; a link to them. */
export function ConnectionStatus({ memberId }: { memberId: string | undefined }) {
  const { t } = useTranslation();
  const online = useOnline();
  const items = useOutbox(memberId);
  const waiting = items.length;
  if (online && waiting === 0) return null;
  return (
    <div className="kw-row" style={{ gap: 6, flexWrap: 'nowrap' }} id="connection-status">
      {!online && <span className="kw-badge kw-badge-outline">{t('offline.badge')}</span>}
      {waiting > 0 && (
        <Link to="/extras/new" className="kw-badge kw-badge-waiting">
          {t('offline.waitingBadge', { count: waiting })}
        </Link>
      )}
    </div>
  );
}

/** A new version is ready: say so, and switch when the person taps (or at their next page change). */
export function UpdateBanner() {
  const { t } = useTranslation();
  const ready = useAppUpdate();
  if (!ready) return null;
  return (
    <div className="kw-card" style={{ padding: 10, marginBottom: 16 }} role="status" id="update-banner">
      <div className="kw-row" style={{ justifyContent: 'space-between', gap: 10 }}>
        <p className="kw-p kw-text-sm">{t('offline.updateReady')}</p>
        <LightButton size="compact-sm" onClick={applyUpdate}>
          {t('offline.updateNow')}
        </LightButton>
      </div>
    </div>
  );
}
