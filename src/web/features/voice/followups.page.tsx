// Placeholder: the page is being built.
export function FollowupsPage() {
  return null;
}
