// React 19.2's <Activity>, which Mantine 9 uses and preact/compat lacks, added to it: the web build
// aliases `react` here (and `react-dom` to preact/compat).
import { cloneElement, createElement, Fragment, isValidElement } from 'preact/compat';

export * from 'preact/compat';
export { default } from 'preact/compat';

/** Hidden content stays mounted (its state kept) but is not shown. */
export function Activity({ mode, children }) {
  if (mode !== 'hidden') return createElement(Fragment, null, children);
  return isValidElement(children)
    ? cloneElement(children, { style: { ...children.props.style, display: 'none' } })
    : null;
}

/** React 19's useOptimistic is not in preact/compat; react-router looks for it and does without. */
export const useOptimistic = undefined;
