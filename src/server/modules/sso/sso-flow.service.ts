/**
 * Signing in with the organisation's identity provider: starting the flow (tied to the browser by a
 * cookie) and finishing it when the provider sends the browser back. The settings: sso.service.ts.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import { sessionCookie } from '../../lib/session-cookie';
import { SESSION_DAYS } from '../auth/better-auth';
import * as org from '../org/org.service';
import { authorizationUrl, type Flow, newFlow, providerConfig, redeemCode } from './oidc-client';
import { openSecret } from './secret-box';
import * as repo from './sso.repo';
import { domainOf, redirectUriOf, type SsoDeps } from './sso.service';

/** How long a person has at the identity provider between leaving and coming back. */
const FLOW_MINUTES = 10;
export const FLOW_COOKIE = 'klantwerk.sso';
const FLOW_COOKIE_PATH = '/api/v1/auth/sso';

/** The cookie that ties a flow to the browser that started it (SameSite=Lax: sent on the provider's redirect back). */
export function flowCookie(state: string, secure: boolean): string {
  return [
    `${FLOW_COOKIE}=${state}`,
    `Path=${FLOW_COOKIE_PATH}`,
    'Max-Age=600',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export const clearFlowCookie = (secure: boolean) =>
  [
    `${FLOW_COOKIE}=`,
    `Path=${FLOW_COOKIE_PATH}`,
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');

const providerIdOf = (orgId: string) => `sso:${orgId}`;
const flowIdentifier = (state: string) => `sso-flow:${createHash('sha256').update(state).digest('base64url')}`;

interface StoredFlow extends Flow {
  orgId: string;
  next: string;
}

async function configOf(deps: SsoDeps, connection: repo.ConnectionRow) {
  const clientSecret = openSecret(connection.clientSecretEnc, deps.secret);
  if (!clientSecret) {
    deps.log.error(
      { orgId: connection.orgId },
      'sso client secret unreadable (AUTH_SECRET changed?): an administrator must enter it again',
    );
    throw new AppError('sso_failed', 400);
  }
  try {
    return await providerConfig(connection.orgId, {
      issuer: connection.issuer,
      clientId: connection.clientId,
      clientSecret,
    });
  } catch (err) {
    deps.log.warn({ orgId: connection.orgId, reason: (err as Error).message }, 'sso discovery failed');
    throw new AppError('sso_failed', 400);
  }
}

/**
 * Starts signing in with the identity provider of the organisation that connected the address's
 * domain: returns where to send the browser, and the value of the cookie that ties the flow to it.
 */
export async function startSignIn(deps: SsoDeps, email: string, next: string): Promise<{ url: string; state: string }> {
  const found = await repo.selectConnectionOfDomain(deps.db, domainOf(email));
  if (!found?.enabled) throw new AppError('sso_not_connected', 400);
  const connection = (await repo.selectConnection(deps.db, found.orgId))!;
  const config = await configOf(deps, connection);
  const flow = newFlow();
  const stored: StoredFlow = { ...flow, orgId: connection.orgId, next };
  await repo.insertFlow(
    deps.db,
    flowIdentifier(flow.state),
    JSON.stringify(stored),
    new Date(Date.now() + FLOW_MINUTES * 60_000),
  );
  const url = await authorizationUrl(config, flow, redirectUriOf(deps.appUrl), email);
  return { url: url.href, state: flow.state };
}

export type CallbackOutcome = { kind: 'signedIn'; next: string; cookie: string } | { kind: 'pending' };

/**
 * The provider sent the browser back. The flow is found by its state, which must also be the one in
 * this browser's cookie (so nobody can finish a sign-in started elsewhere); the organisation comes
 * from the flow, never from the request. openid-client redeems the code and checks the ID token.
 */
export async function finishSignIn(
  deps: SsoDeps,
  query: Record<string, string>,
  context: { cookieState: string | null; ip: string; userAgent: string },
): Promise<CallbackOutcome> {
  const state = query.state;
  if (!state || !context.cookieState || state !== context.cookieState) throw new AppError('sso_failed', 400);
  const raw = await repo.takeFlow(deps.db, flowIdentifier(state));
  if (!raw) throw new AppError('sso_failed', 400);
  const flow = JSON.parse(raw) as StoredFlow;
  const connection = await repo.selectConnection(deps.db, flow.orgId);
  if (!connection?.enabled) throw new AppError('sso_not_connected', 400);
  if (query.error) {
    deps.log.info({ orgId: flow.orgId, error: query.error.slice(0, 100) }, 'sso refused by the identity provider');
    throw new AppError('sso_failed', 400);
  }
  const config = await configOf(deps, connection);
  const callbackUrl = new URL(redirectUriOf(deps.appUrl));
  for (const [name, value] of Object.entries(query)) callbackUrl.searchParams.set(name, value);
  let identity: Awaited<ReturnType<typeof redeemCode>>;
  try {
    identity = await redeemCode(config, callbackUrl, flow);
  } catch (err) {
    // The reason (wrong audience, expired, bad signature...) is logged; tokens and codes never are.
    const e = err as { code?: string; message?: string };
    deps.log.warn({ orgId: flow.orgId, code: e.code, reason: e.message?.slice(0, 200) }, 'sso sign-in refused');
    throw new AppError('sso_failed', 400);
  }
  if (!identity.email || identity.emailVerified === false) throw new AppError('sso_failed', 400);
  if (!connection.provenDomains.includes(domainOf(identity.email))) throw new AppError('sso_not_connected', 400);

  const userId = await userOfIdentity(deps, flow.orgId, identity.subject, identity.email, identity.name);
  const membership = await org.findMembershipOfUser(deps.db, flow.orgId, userId);
  if (membership && membership.status !== 'active') throw new AppError('account_deactivated', 403);
  if (!membership) {
    if (connection.provisioning === 'approval') {
      await repo.upsertJoinRequest(deps.db, flow.orgId, userId);
      return { kind: 'pending' };
    }
    await org.joinBySingleSignOn(deps.db, flow.orgId, userId, null);
  }
  const auth = await deps.betterAuth.$context;
  const session = await auth.internalAdapter.createSession(userId, false, {
    ipAddress: context.ip,
    userAgent: context.userAgent,
  });
  // The session works in this organisation only: its provider vouches for nothing elsewhere.
  await repo.tieSsoSession(deps.db, session.token, flow.orgId);
  const secure = deps.appUrl.startsWith('https://');
  return {
    kind: 'signedIn',
    next: flow.next,
    cookie: sessionCookie(session.token, deps.secret, { secure, maxAgeSeconds: SESSION_DAYS * 86_400 }),
  };
}

/** The person behind the provider's subject: linked before, else the account with that address, else a new one. */
async function userOfIdentity(
  deps: SsoDeps,
  orgId: string,
  subject: string,
  email: string,
  name: string | undefined,
): Promise<string> {
  const providerId = providerIdOf(orgId);
  const linked = await repo.selectUserOfIdentity(deps.db, providerId, subject);
  // The subject is the identity: it stays the same person when the provider changes their address.
  if (linked) return linked.id;
  const auth = await deps.betterAuth.$context;
  const existing = await repo.selectUserByEmail(deps.db, email);
  const userId = existing
    ? existing.id
    : (
        await auth.internalAdapter.createUser(
          { email, name: (name ?? email.split('@')[0]!).slice(0, 120), emailVerified: true },
          { method: 'sso-oidc', sso: { providerId } },
        )
      ).id;
  await auth.internalAdapter.linkAccount({ userId, providerId, accountId: subject });
  return userId;
}
