/**
 * The token of an e-mailed link, from the fragment (/invite#token=…): the fragment never reaches a
 * server, and the token is only ever sent in a request body.
 */
export function readFragmentToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}
