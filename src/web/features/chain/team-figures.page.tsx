// Placeholder: replaced by the real page.
export function TeamFiguresPage() {
  return null;
}
