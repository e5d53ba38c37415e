// Placeholder: replaced by the real page.
export function ScanPage() {
  return null;
}
