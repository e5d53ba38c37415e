// Placeholder: replaced by the real page.
export function PromisePage() {
  return null;
}
