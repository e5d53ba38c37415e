import { currentLanguage } from './i18n';

/**
 * The sign-in page is the server's (plain HTML, it opens at once on a new phone), not a page of this
 * app: going there is a whole page load, in the language on the screen, and back to `next` afterwards.
 */
export function signInAddress(next?: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ lang: currentLanguage(), ...(next && next !== '/' ? { next } : {}), ...extra });
  return `/sign-in?${query}`;
}

export function goToSignIn(next?: string, extra?: Record<string, string>) {
  window.location.replace(signInAddress(next, extra));
}
