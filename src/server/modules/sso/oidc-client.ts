import * as oidc from 'openid-client';

// The OpenID Connect protocol is done by openid-client (panva, certified): discovery, the authorization
// code flow with PKCE (S256), state and nonce, and every ID token check (signature against the
// provider's JWKS, iss, aud, azp, exp, iat, nonce). Nothing here touches a token by hand.

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export const SSO_SCOPES = 'openid email profile';
const DISCOVERY_TIMEOUT_SECONDS = 10;
const CACHE_MS = 60 * 60_000;

/** Plain http only for an issuer on this machine (a local Keycloak, the tests' provider); everything else must be https. */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

const cache = new Map<string, { config: oidc.Configuration; at: number }>();

/** The provider's configuration from its discovery document, kept for an hour per organisation and settings. */
export async function providerConfig(cacheKey: string, settings: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${cacheKey}|${settings.issuer}|${settings.clientId}|${settings.clientSecret}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  const issuer = new URL(settings.issuer);
  const config = await oidc.discovery(
    issuer,
    settings.clientId,
    undefined,
    oidc.ClientSecretBasic(settings.clientSecret),
    {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    },
  );
  for (const old of cache.keys()) if (old.startsWith(`${cacheKey}|`)) cache.delete(old);
  cache.set(key, { config, at: Date.now() });
  return config;
}

/** Whether an issuer may be used at all: https, or http on this machine. */
export function allowedIssuer(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'https:' || isLoopback(url);
}

export interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function newFlow(): Flow {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
}

export async function authorizationUrl(
  config: oidc.Configuration,
  flow: Flow,
  redirectUri: string,
  loginHint: string,
): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SSO_SCOPES,
    response_type: 'code',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: loginHint,
  });
}

export interface Identity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean | undefined;
  name: string | undefined;
}

/** Redeems the code and checks the ID token; throws when anything does not hold. */
export async function redeemCode(config: oidc.Configuration, callbackUrl: URL, flow: Flow): Promise<Identity> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('no ID token');
  // Some providers put the address only in the userinfo answer (checked to be about the same subject).
  const claims: Record<string, unknown> & { sub: string } =
    typeof idClaims.email === 'string'
      ? idClaims
      : { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  // Entra ID puts the address in `email` when the account has one, else often only in preferred_username.
  const email =
    text(claims.email) ??
    (text(claims.preferred_username)?.includes('@') ? text(claims.preferred_username) : undefined);
  return {
    subject: claims.sub,
    email: email?.toLowerCase(),
    emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
    name:
      text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || undefined),
  };
}
