// Placeholder: replaced by the real page.
export function WorkListPage() {
  return null;
}
