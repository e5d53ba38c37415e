/**
 * Signing in and out, the person's session and profile (me, the active organisation) and accepting an
 * invitation. Signing up: sign-up.service.ts; passwords: password.service.ts.
 */
import { createHash } from 'node:crypto';
import { isAPIError } from 'better-auth/api';
import type { Pool } from 'pg';
import type { Me } from '../../../contracts/auth.contract';
import type { Language } from '../../../contracts/constants';
import type { Config } from '../../config';
import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import type { AuthContext } from '../../lib/request-context';
import { hitThrottle, hitThrottleFor, takeBackHit } from '../../lib/throttle';
import * as invitations from '../org/invitations.service';
import * as org from '../org/org.service';
import { allowBreakGlass, isSsoRequiredFor, type SsoDeps, ssoRequiredOrgFor } from '../sso/sso.service';
import * as repo from './auth.repo';
import { isKnownDeviceOf, knownDeviceCookie, readDevice } from './known-device';
import { assertStrongPassword } from './password-policy';

/** Single sign-on (SsoDeps): the sign-in page starts it, and password sign-in asks it whether a domain requires it. */
export type AuthDeps = Pick<Deps, 'db' | 'betterAuth' | 'mailer' | 'secret' | 'afterResponse'> &
  SsoDeps & { config: Pick<Config, 'appUrl' | 'signInThrottle' | 'signUpEnabled'> };

/** What a route sends back besides its body: the Set-Cookie lines Better Auth produced. */
export interface WithCookies<T> {
  body: T;
  cookies: string[];
}

export const keyHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** Translates Better Auth's errors into ours; anything unexpected stays an internal error. */
export function mapAuthError(err: unknown): never {
  if (isAPIError(err)) {
    const code = (err.body as { code?: string } | undefined)?.code ?? '';
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')
      throw new AppError('email_taken', 409);
    if (code.startsWith('PASSWORD_TOO')) throw new AppError('weak_password', 400);
    if (code === 'INVALID_TOKEN') throw new AppError('invalid_token', 400);
    if (code === 'INVALID_EMAIL_OR_PASSWORD' || code === 'INVALID_PASSWORD' || err.statusCode === 401) {
      throw new AppError('invalid_credentials', 401);
    }
    if (err.statusCode === 400 || err.statusCode === 422) throw new AppError('validation_failed', 400);
  }
  throw err;
}

export function tooManyUntil(resetsAt: number): AppError {
  const retryAfter = Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000));
  return new AppError('too_many_requests', 429, { headers: { 'retry-after': String(retryAfter) } });
}

export async function throttle(deps: AuthDeps, key: string, max: number) {
  const { hits, resetsAt } = await hitThrottle(deps.db, key, deps.config.signInThrottle.windowMinutes);
  if (hits > max) throw tooManyUntil(resetsAt.getTime());
}

/** Past SIGNIN_MAX_PER_ACCOUNT, clients that are not a known device get one try per this many seconds for the address. */
const SLOWED_SECONDS = 60;

export const signInKeys = (email: string) => {
  const address = keyHash(email.toLowerCase());
  return {
    pair: (client: string) => `signin:pair:${address}:${client}`,
    pairs: `signin:pair:${address}:`,
    account: `signin:account:${address}`,
    slowed: `signin:slowed:${address}`,
  };
};

/**
 * Holds a sign-in attempt against the throttle, or refuses it with 429 and Retry-After. Every limit
 * counts the attempt at once (one atomic statement each, so parallel guesses count too); a right
 * password gives them back (`release`), so only wrong passwords are counted:
 * - a known device of the address (it signed in there before): SIGNIN_MAX_PER_EMAIL wrong passwords
 *   for that device and address. Nothing a stranger does elsewhere stops it.
 * - any other client: SIGNIN_MAX_PER_EMAIL for the pair (address, IP address), so a guesser locks out
 *   only their own address, not the colleague; SIGNIN_MAX_PER_IP over all addresses from that IP, which
 *   stops spraying one password over many accounts and is wide for an office; and per address over all
 *   unknown clients together: past SIGNIN_MAX_PER_ACCOUNT they are slowed to one try a minute for it,
 *   never locked, which holds a guesser with many IP addresses to 60 guesses an hour.
 */
async function holdSignIn(deps: AuthDeps, email: string, context: { headers: Headers; ip: string }) {
  const limits = deps.config.signInThrottle;
  const windowSeconds = limits.windowMinutes * 60;
  const device = readDevice(context.headers.get('cookie'));
  const known = isKnownDeviceOf(device, email, deps.secret);
  const keys = signInKeys(email);
  const holds = known
    ? [{ key: keys.pair(`device:${device.id}`), max: limits.perEmail, windowSeconds }]
    : [
        { key: `signin:ip:${context.ip}`, max: limits.perIp, windowSeconds },
        { key: keys.pair(context.ip), max: limits.perEmail, windowSeconds },
        { key: keys.account, max: Infinity, windowSeconds },
      ];
  const counted: string[] = [];
  const release = async () => {
    for (const key of counted) await takeBackHit(deps.db, key);
  };
  let refusedUntil = 0;
  for (const hold of holds) {
    const { hits, resetsAt } = await hitThrottleFor(deps.db, hold.key, hold.windowSeconds);
    counted.push(hold.key);
    if (hits > hold.max) refusedUntil = Math.max(refusedUntil, resetsAt.getTime());
    if (hold.key === keys.account && hits > limits.perAccount && !refusedUntil)
      holds.push({ key: keys.slowed, max: 1, windowSeconds: SLOWED_SECONDS });
  }
  if (refusedUntil) {
    await release();
    throw tooManyUntil(refusedUntil);
  }
  return {
    release,
    /** The Set-Cookie line that makes (or keeps) this browser a known device of the address. */
    deviceCookie: () => knownDeviceCookie(device, email, deps.secret, deps.config.appUrl.startsWith('https://')),
  };
}

/** Runs a password check under the throttle: a wrong password stays counted, anything else is given back. */
async function underThrottle<T>(hold: Awaited<ReturnType<typeof holdSignIn>>, attempt: () => Promise<T>): Promise<T> {
  try {
    const result = await attempt();
    await hold.release();
    return result;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid_credentials')) await hold.release();
    throw err;
  }
}

/**
 * What the session check last found per token in this process, and when (Date.now()): at most
 * CHECKED_MAX tokens, the map starts over when full. Only a write that verifies the session itself in
 * its own statement may go on what is remembered here (plugins/access.plugin, sessionCheckedByWrite).
 */
const checked = new Map<string, { row: repo.SessionContextRow; at: number }>();
const CHECKED_MAX = 10_000;

export async function setActiveOrganization(db: Db, sessionToken: string, orgId: string | null) {
  await repo.updateSessionOrg(db, sessionToken, orgId);
  checked.delete(sessionToken); // this process's next request checks the session anew (others find out then)
}

/** The session behind a token, with its person and active membership (one query; see auth.repo). */
export async function findSessionContext(pool: Pool, token: string) {
  const row = await repo.selectSessionContext(pool, token);
  if (!row) checked.delete(token);
  else {
    if (checked.size >= CHECKED_MAX) checked.clear();
    checked.set(token, { row, at: Date.now() });
  }
  return row;
}

/** What the session check found for this token in this process at most `maxAgeMs` ago, if it found it. */
export function recentSessionContext(token: string, maxAgeMs: number) {
  const found = checked.get(token);
  return found && Date.now() - found.at < maxAgeMs ? found.row : undefined;
}

/** `onlyOrgId`: a session made by that organisation's identity provider, which sees no other organisation. */
export async function findMe(
  db: Db,
  userId: string,
  activeOrgId: string | null,
  fallback: Language,
  onlyOrgId: string | null = null,
): Promise<Me> {
  // One round trip: the person, their memberships, and the asked organisation with their teams there.
  const user = await repo.selectMe(db, userId, activeOrgId);
  if (!user) throw new AppError('unauthenticated', 401);
  const memberships = user.memberships.filter((m) => m.status === 'active' && (!onlyOrgId || m.orgId === onlyOrgId));
  const active = memberships.find((m) => m.orgId === activeOrgId) ?? null;
  const activeOrganization = active ? user.organization : null;
  const teams = active ? user.teams : [];
  const userLanguage = user.language === 'nl' || user.language === 'en' ? user.language : null;
  const orgLanguage = activeOrganization?.defaultLanguage ?? null;
  return {
    user: { id: user.id, name: user.name, email: user.email, language: userLanguage },
    language: userLanguage ?? orgLanguage ?? fallback,
    organizations: memberships.map((m) => ({
      organizationId: m.orgId,
      organizationName: m.organizationName,
      roles: m.roles,
    })),
    activeOrganization: activeOrganization
      ? {
          id: activeOrganization.id,
          name: activeOrganization.name,
          defaultLanguage: activeOrganization.defaultLanguage,
          currency: 'EUR',
          timeZone: activeOrganization.timeZone,
        }
      : null,
    member: active ? { id: active.memberId, roles: active.roles, teams } : null,
  };
}

export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string },
  context: { headers: Headers; ip: string; fallbackLanguage: Language },
): Promise<WithCookies<Me>> {
  // Where the address's domain requires single sign-on, only an administrator's right password opens
  // (break-glass, see allowBreakGlass); anyone else hears sso_required, right password or wrong, so the
  // answer tells nothing about the account.
  const ssoOrgId = await ssoRequiredOrgFor(deps.db, input.email);
  const hold = await holdSignIn(deps, input.email, context);
  const result = await underThrottle(hold, () =>
    deps.betterAuth.api
      .signInEmail({
        body: { email: input.email, password: input.password },
        headers: context.headers,
        returnHeaders: true,
      })
      .catch(mapAuthError),
  ).catch((err: unknown) => {
    if (ssoOrgId && err instanceof AppError && err.code === 'invalid_credentials')
      throw new AppError('sso_required', 403);
    throw err;
  });
  const userId = result.response.user.id;
  const token = result.response.token;
  if (ssoOrgId && !(await allowBreakGlass(deps, ssoOrgId, userId))) {
    await repo.deleteSessionByToken(deps.db, token);
    throw new AppError('sso_required', 403);
  }

  const memberships = await org.listMembershipsOfUser(deps.db, userId);
  const active = memberships.filter((m) => m.status === 'active');
  if (memberships.length > 0 && active.length === 0) {
    await repo.deleteSessionByToken(deps.db, token);
    throw new AppError('account_deactivated', 403);
  }
  const orgId = ssoOrgId ?? active[0]?.orgId ?? null;
  await setActiveOrganization(deps.db, token, orgId);
  return {
    body: await findMe(deps.db, userId, orgId, context.fallbackLanguage),
    cookies: [...result.headers.getSetCookie(), hold.deviceCookie()],
  };
}

export async function signOut(deps: AuthDeps, headers: Headers): Promise<string[]> {
  const result = await deps.betterAuth.api.signOut({ headers, returnHeaders: true }).catch(mapAuthError);
  return result.headers.getSetCookie();
}

export async function previewInvitation(deps: AuthDeps, token: string) {
  const { invitation, organizationName } = await invitations.findUsableInvitation(deps.db, token);
  const existing = await repo.selectUserIdByEmail(deps.db, invitation.email);
  return { organizationName, email: invitation.email, name: invitation.name, existingAccount: Boolean(existing) };
}

/**
 * Accepting an invitation: a new person chooses a name and password; a person who already has an
 * account (in another organisation) proves it with their password. Either way they end up signed in
 * and working in the inviting organisation.
 */
export async function acceptInvitation(
  deps: AuthDeps,
  input: { token: string; name?: string; password: string; language?: Language },
  context: { headers: Headers; ip: string },
): Promise<WithCookies<Me>> {
  const { invitation, organizationName } = await invitations.findUsableInvitation(deps.db, input.token);
  // A password is no way in where the organisation requires its identity provider.
  if (await isSsoRequiredFor(deps.db, invitation.email)) throw new AppError('sso_required', 403);
  // Accepting with an existing account checks its password: the sign-in throttle holds here too.
  const hold = await holdSignIn(deps, invitation.email, context);
  const claimed = await invitations.claimInvitation(deps.db, invitation.orgId, invitation.id);
  if (!claimed) {
    await hold.release();
    throw new AppError('invalid_token', 400);
  }
  return underThrottle(hold, async () => {
    try {
      const existing = await repo.selectUserIdByEmail(deps.db, invitation.email);
      // biome-ignore lint/suspicious/noImplicitAnyLet: sign-in's and sign-up's answers differ; both carry the user and the headers used below
      let result;
      if (existing) {
        result = await deps.betterAuth.api
          .signInEmail({
            body: { email: invitation.email, password: input.password },
            headers: context.headers,
            returnHeaders: true,
          })
          .catch(mapAuthError);
      } else {
        const name = input.name ?? (invitation.name || invitation.email.split('@')[0]!);
        if (input.password.length < 10) {
          throw new AppError('weak_password', 400, {
            errors: [{ path: 'body.password', code: 'too_small', message: 'at least 10 characters' }],
          });
        }
        assertStrongPassword(input.password, { email: invitation.email, name, organizationName }, 'body.password');
        result = await deps.betterAuth.api
          .signUpEmail({
            body: { name, email: invitation.email, password: input.password },
            headers: context.headers,
            returnHeaders: true,
          })
          .catch(mapAuthError);
        if (input.language) await repo.updateUserLanguage(deps.db, result.response.user.id, input.language);
      }
      const userId = result.response.user.id;
      await invitations.joinByInvitation(deps.db, invitation, userId);
      if (result.response.token) await setActiveOrganization(deps.db, result.response.token, invitation.orgId);
      return {
        body: await findMe(deps.db, userId, invitation.orgId, input.language ?? 'nl'),
        cookies: [...result.headers.getSetCookie(), hold.deviceCookie()],
      };
    } catch (err) {
      await invitations.releaseInvitation(deps.db, invitation.orgId, invitation.id);
      throw err;
    }
  });
}

export async function updateMe(
  deps: AuthDeps,
  auth: AuthContext,
  input: { name?: string; language?: Language | null },
): Promise<Me> {
  const values: Parameters<typeof repo.updateUser>[2] = { updatedAt: new Date() };
  if (input.name !== undefined) values.name = input.name;
  if (input.language !== undefined) values.language = input.language;
  await repo.updateUser(deps.db, auth.userId, values);
  return findMe(deps.db, auth.userId, auth.activeOrgId, auth.language, auth.ssoOrgId);
}

export async function switchOrganization(deps: AuthDeps, auth: AuthContext, organizationId: string): Promise<Me> {
  const membership = await org.findActiveMembership(deps.db, organizationId, auth.userId);
  if (!membership || (auth.ssoOrgId && auth.ssoOrgId !== organizationId)) throw notFound();
  await setActiveOrganization(deps.db, auth.sessionToken, organizationId);
  return findMe(deps.db, auth.userId, organizationId, auth.language, auth.ssoOrgId);
}

// ---------- erasure (privacy/privacy.service.ts, eraseMember) ----------

/** A nameless sign-in identity that cannot sign in (no account), to hold an erased person's place. */
export async function addPlaceholderUser(tx: Tx, user: { id: string; name: string; email: string }): Promise<void> {
  await repo.insertPlaceholderUser(tx, user);
}

/** Deletes a sign-in identity that is a member of no organisation any more. */
export async function deleteUserIfNoMembership(tx: Tx, userId: string): Promise<void> {
  if (!(await repo.selectAnyMembershipOfUser(tx, userId))) await repo.deleteUser(tx, userId);
}
