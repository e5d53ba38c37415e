// Placeholder: the page is being built.
export function TouchpointsPage() {
  return null;
}
