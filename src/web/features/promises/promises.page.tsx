// Placeholder: replaced by the real page.
export function PromisesPage() {
  return null;
}
