// Placeholder: the page is being built.
export function CustomerVoicePage() {
  return null;
}
