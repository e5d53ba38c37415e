// Placeholder: replaced by the real page.
export function NewPromisePage() {
  return null;
}
