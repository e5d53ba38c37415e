// Placeholder: replaced by the real page.
export function ChainPage() {
  return null;
}
