import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

/** Where each visited entry of the history was scrolled to, by its location key (for back and forward). */
const positions = new Map<string, number>();

/** How long a restore keeps trying while the page below it is still loading. */
const RESTORE_MS = 1500;

/**
 * A new page opens at its top, not at the place the page before was scrolled to. Back and forward
 * return to where the person was on that page, once it is tall enough again (its data may still be
 * loading). Only a change of page counts: a filter that changes the query string keeps the place.
 */
export function ScrollOnNavigate() {
  const location = useLocation();
  const navigationType = useNavigationType();
  const current = useRef(location.key);

  useEffect(() => {
    if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';
    const remember = () => positions.set(current.current, window.scrollY);
    window.addEventListener('scroll', remember, { passive: true });
    return () => window.removeEventListener('scroll', remember);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change is the trigger; the key and the kind of navigation are read at that moment
  useLayoutEffect(() => {
    current.current = location.key;
    if (navigationType !== 'POP') {
      window.scrollTo(0, 0);
      return;
    }
    return restoreScroll(positions.get(location.key) ?? 0);
  }, [location.pathname]);

  return null;
}

/** Scrolls to y as soon as the page is tall enough; gives up after a while or when the person scrolls themselves. */
function restoreScroll(y: number): () => void {
  const until = performance.now() + RESTORE_MS;
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of ['wheel', 'touchstart', 'keydown'] as const) window.removeEventListener(type, stop);
  };
  const step = () => {
    window.scrollTo(0, y);
    if (Math.abs(window.scrollY - y) > 1 && performance.now() < until) frame = requestAnimationFrame(step);
    else stop();
  };
  for (const type of ['wheel', 'touchstart', 'keydown'] as const)
    window.addEventListener(type, stop, { passive: true });
  step();
  return stop;
}
