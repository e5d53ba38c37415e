import { type ReactNode, useEffect, useState } from 'react';

/**
 * A part of a long screen drawn a moment after the rest, in a task of its own: a slow phone draws the
 * screen in steps and stays responsive in between, instead of freezing for all of it at once. Put the
 * parts below the first screenful in one each, in the order they appear; nothing shown moves, as
 * they only add below it. Only the part itself is drawn when it appears, not the screen around it.
 */
export function Later({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    // Timers of the same delay run in the order they were set, each as its own task.
    const timer = window.setTimeout(() => setShown(true), 0);
    return () => window.clearTimeout(timer);
  }, []);
  return shown ? children : null;
}
