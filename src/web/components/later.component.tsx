import { type ReactNode, useEffect, useRef, useState } from 'react';

/** The parts waiting for their turn, in the order they appeared; `drawing` while one is being drawn. */
const waiting: (() => void)[] = [];
let drawing = false;

/** The next waiting part's turn, in a task of its own. */
function showNext() {
  const show = waiting.shift();
  drawing = !!show;
  if (show) window.setTimeout(show, 0);
}

/**
 * A part of a long screen drawn a moment after the rest, in a task of its own: a slow phone draws the
 * screen in steps and stays responsive in between, instead of freezing for all of it at once. Put the
 * parts below the first screenful in one each, in the order they appear; nothing shown moves, as
 * they only add below it. Only the part itself is drawn when it appears, not the screen around it.
 * The parts take turns: the next one's task starts once the one before has been drawn (and painted),
 * so two parts are never drawn in the same task.
 */
export function Later({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  /** Its turn came but it is not drawn yet: when it goes away meanwhile, it passes the turn on. */
  const showing = useRef(false);
  useEffect(() => {
    let mounted = true;
    waiting.push(() => {
      if (!mounted) return showNext();
      showing.current = true;
      setShown(true);
    });
    if (!drawing) showNext();
    return () => {
      mounted = false;
      if (showing.current) showNext();
    };
  }, []);
  useEffect(() => {
    if (!shown) return;
    showing.current = false;
    showNext();
  }, [shown]);
  return shown ? children : null;
}
