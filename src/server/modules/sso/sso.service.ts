import { createHash, createHmac } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { eq } from 'drizzle-orm';
import type {
  PutSsoConnectionBody,
  SsoDomainCheck,
  SsoJoinRequest,
  SsoSettings,
} from '../../../contracts/sso.contract';
import { putSsoConnectionBody } from '../../../contracts/sso.contract';
import type { Db } from '../../db/client';
import { authSession } from '../../db/schema/auth.schema';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { sessionCookie } from '../../lib/session-cookie';
import { SESSION_DAYS } from '../auth/better-auth';
import * as org from '../org/org.service';
import { allowedIssuer, authorizationUrl, type Flow, newFlow, providerConfig, redeemCode } from './oidc-client';
import { openSecret, sealSecret } from './secret-box';
import * as repo from './sso.repo';

/**
 * The secret seals the client secrets and signs the session cookie; config.ssoDnsServers (SSO_DNS_SERVERS)
 * are the DNS servers asked for the domains' TXT records (empty: the system's resolver).
 */
export type SsoDeps = Pick<Deps, 'db' | 'betterAuth' | 'appUrl' | 'secret' | 'log' | 'config'>;

/** How long a person has at the identity provider between leaving and coming back. */
const FLOW_MINUTES = 10;
export const FLOW_COOKIE = 'klantwerk.sso';
export const CALLBACK_PATH = '/api/v1/auth/sso/callback';
const FLOW_COOKIE_PATH = '/api/v1/auth/sso';

/**
 * Addresses at these domains belong to everyone, not to one organisation: nobody may connect them
 * (nor, with them, take the sign-in of their users elsewhere).
 */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.nl',
  'live.com',
  'live.nl',
  'msn.com',
  'yahoo.com',
  'yahoo.nl',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'ziggo.nl',
  'kpnmail.nl',
  'kpnplanet.nl',
  'planet.nl',
  'home.nl',
  'hetnet.nl',
  'xs4all.nl',
  'telfort.nl',
  'upcmail.nl',
  'chello.nl',
  'casema.nl',
  'quicknet.nl',
  'zeelandnet.nl',
  'online.nl',
  'tele2.nl',
  'mail.com',
  'yandex.com',
  'zoho.com',
]);

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

export const redirectUriOf = (appUrl: string) => `${appUrl}${CALLBACK_PATH}`;
const providerIdOf = (orgId: string) => `sso:${orgId}`;
const flowIdentifier = (state: string) => `sso-flow:${createHash('sha256').update(state).digest('base64url')}`;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

// ---------- proof of a domain ----------

/**
 * The organisation's TXT record value, the same for each of its domains: derived from AUTH_SECRET and
 * the organisation, so nobody else can compute it, and nothing to store. A proof already made stays
 * when the secret changes; only a new domain needs the new value.
 */
export function verificationRecordOf(secret: string, orgId: string): string {
  const token = createHmac('sha256', secret).update(`sso-domain-proof:${orgId}`).digest('base64url').slice(0, 32);
  return `klantwerk-verification=${token}`;
}

/** The TXT records of a domain, each joined from its strings (a long record comes in pieces of 255). */
async function txtRecordsOf(deps: Pick<SsoDeps, 'config'>, domain: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (deps.config.ssoDnsServers.length) resolver.setServers(deps.config.ssoDnsServers);
  return (await resolver.resolveTxt(domain)).map((pieces) => pieces.join(''));
}

/**
 * Looks up each unproven domain's TXT records now (node:dns) and marks a domain proven when one of them
 * is the organisation's verification record. A proven domain is the organisation's on this server.
 */
export async function checkDomains(deps: SsoDeps, tenant: TenantContext): Promise<SsoDomainCheck> {
  const connection = await repo.selectConnection(deps.db, tenant.orgId);
  if (!connection) throw notFound();
  const expected = verificationRecordOf(deps.secret, tenant.orgId);
  const checked: SsoDomainCheck['checked'] = [];
  const unproven = connection.domainStates.filter((d) => !d.verifiedAt);
  // All looked up at once, so a slow DNS costs one timeout, not one per domain.
  const lookups = await Promise.allSettled(unproven.map((state) => txtRecordsOf(deps, state.domain)));
  for (const [i, state] of unproven.entries()) {
    const lookup = lookups[i]!;
    if (lookup.status === 'rejected') {
      const code = (lookup.reason as { code?: string }).code;
      // No such name or no TXT records: the record is simply not there (yet).
      const missing = code === 'ENOTFOUND' || code === 'ENODATA';
      if (!missing) deps.log.warn({ orgId: tenant.orgId, domain: state.domain, code }, 'sso domain lookup failed');
      checked.push({ domain: state.domain, result: missing ? 'record_missing' : 'lookup_failed' });
      continue;
    }
    const records = lookup.value;
    if (!records.some((r) => r.trim() === expected)) {
      checked.push({ domain: state.domain, result: 'record_missing' });
      continue;
    }
    if (!(await repo.markDomainProven(deps.db, tenant.orgId, state.domain))) {
      checked.push({ domain: state.domain, result: 'taken' });
      continue;
    }
    await deps.db.transaction((tx) =>
      org.recordAudit(tx, tenant, 'sso.domain_proven', 'organization', tenant.orgId, { domain: state.domain }),
    );
    checked.push({ domain: state.domain, result: 'proven' });
  }
  return { checked, settings: await findSettings(deps, tenant) };
}

// ---------- the administrator's settings ----------

export async function findSettings(
  deps: Pick<SsoDeps, 'db' | 'appUrl' | 'secret'>,
  tenant: TenantContext,
): Promise<SsoSettings> {
  const row = await repo.selectConnection(deps.db, tenant.orgId);
  return {
    redirectUri: redirectUriOf(deps.appUrl),
    verificationRecord: verificationRecordOf(deps.secret, tenant.orgId),
    connection: row
      ? {
          issuer: row.issuer,
          clientId: row.clientId,
          hasClientSecret: true,
          domains: row.domains,
          domainStates: row.domainStates.map((d) => ({ domain: d.domain, proven: !!d.verifiedAt })),
          provisioning: row.provisioning as 'member' | 'approval',
          required: row.required,
          enabled: row.enabled,
        }
      : null,
  };
}

const fieldError = (path: string, code: AppError['code'], status: number, message: string, detail?: string) =>
  new AppError(code, status, { errors: [{ path, code, message }], ...(detail ? { detail } : {}) });

export async function putConnection(
  deps: SsoDeps,
  tenant: TenantContext,
  input: PutSsoConnectionBody,
): Promise<SsoSettings> {
  const body = putSsoConnectionBody.parse(input);
  const domains = [...new Set(body.domains)];
  const existing = await repo.selectConnection(deps.db, tenant.orgId);
  const clientSecret = body.clientSecret ?? (existing ? openSecret(existing.clientSecretEnc, deps.secret) : null);
  if (!clientSecret) throw fieldError('body.clientSecret', 'validation_failed', 400, 'required');
  if (!allowedIssuer(body.issuer)) throw fieldError('body.issuer', 'validation_failed', 400, 'must be https');

  const publicDomain = domains.find((d) => PUBLIC_MAIL_DOMAINS.has(d));
  if (publicDomain) throw fieldError('body.domains', 'sso_domain_not_allowed', 400, publicDomain, publicDomain);
  const taken = await repo.selectDomainsTakenElsewhere(deps.db, tenant.orgId, domains);
  if (taken.length) throw fieldError('body.domains', 'sso_domain_taken', 409, taken.join(', '), taken.join(', '));
  // A new domain is saved unproven: it routes no sign-in and blocks no password until its DNS TXT record
  // proves it is the organisation's (checkDomains). Anyone may claim; only the domain's owner can prove.

  // The issuer must answer with its discovery document before anything is saved.
  try {
    await providerConfig(`check:${tenant.orgId}`, { issuer: body.issuer, clientId: body.clientId, clientSecret });
  } catch (err) {
    deps.log.warn({ orgId: tenant.orgId, issuer: body.issuer, reason: (err as Error).message }, 'sso discovery failed');
    throw fieldError(
      'body.issuer',
      'sso_discovery_failed',
      400,
      'no OpenID Connect discovery document',
      (err as Error).message.slice(0, 200),
    );
  }

  await deps.db.transaction(async (tx) => {
    await repo.upsertConnection(
      tx,
      tenant.orgId,
      {
        issuer: body.issuer,
        clientId: body.clientId,
        clientSecretEnc:
          body.clientSecret || !existing ? sealSecret(clientSecret, deps.secret) : existing.clientSecretEnc,
        provisioning: body.provisioning,
        required: body.required,
        enabled: body.enabled,
      },
      domains,
    );
    // The audit says what changed, never the secret.
    await org.recordAudit(tx, tenant, existing ? 'sso.updated' : 'sso.connected', 'organization', tenant.orgId, {
      issuer: body.issuer,
      domains,
      provisioning: body.provisioning,
      required: body.required,
      enabled: body.enabled,
      secretChanged: Boolean(body.clientSecret),
    });
  });
  return findSettings(deps, tenant);
}

export async function deleteConnection(deps: SsoDeps, tenant: TenantContext): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteConnection(tx, tenant.orgId))) throw notFound();
    await org.recordAudit(tx, tenant, 'sso.disconnected', 'organization', tenant.orgId);
  });
}

// ---------- join requests ----------

export async function listJoinRequests(deps: Pick<SsoDeps, 'db'>, tenant: TenantContext): Promise<SsoJoinRequest[]> {
  const rows = await repo.selectJoinRequests(deps.db, tenant.orgId);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function approveJoinRequest(
  deps: Pick<SsoDeps, 'db'>,
  tenant: TenantContext,
  requestId: string,
): Promise<void> {
  const request = await repo.takeJoinRequest(deps.db, tenant.orgId, requestId);
  if (!request) throw notFound();
  await org.joinBySingleSignOn(deps.db, tenant.orgId, request.userId, tenant.memberId);
}

export async function declineJoinRequest(
  deps: Pick<SsoDeps, 'db'>,
  tenant: TenantContext,
  requestId: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const request = await repo.takeJoinRequest(tx, tenant.orgId, requestId);
    if (!request) throw notFound();
    await org.recordAudit(tx, tenant, 'sso.join_declined', 'user', request.userId);
  });
}

// ---------- for password sign-in ----------

/** Whether the organisation that connected this address's domain requires signing in through its provider. */
export async function isSsoRequiredFor(db: Db, email: string): Promise<boolean> {
  const connection = await repo.selectConnectionOfDomain(db, domainOf(email));
  return Boolean(connection?.enabled && connection.required);
}

/** The organisation that requires single sign-on for this address's (proven) domain, if any. */
export async function ssoRequiredOrgFor(db: Db, email: string): Promise<string | null> {
  const connection = await repo.selectConnectionOfDomain(db, domainOf(email));
  return connection?.enabled && connection.required ? connection.orgId : null;
}

/**
 * Break-glass: where an organisation requires single sign-on, its active administrators keep their
 * password, so a broken identity provider never locks the organisation out. Called after the password
 * was found right; each use is logged as a warning and written to the audit log, and the SSO settings
 * say so. Everyone else is refused (false), right password or not.
 */
export async function allowBreakGlass(deps: Pick<SsoDeps, 'db' | 'log'>, orgId: string, userId: string) {
  const membership = await org.findMembershipOfUser(deps.db, orgId, userId);
  if (membership?.status !== 'active' || !membership.roles.includes('admin')) return false;
  deps.log.warn(
    { orgId, memberId: membership.id },
    'sso required, but an administrator signed in with a password (break-glass)',
  );
  await deps.db.transaction((tx) =>
    org.recordAudit(
      tx,
      { orgId, memberId: membership.id } as TenantContext,
      'sso.break_glass_password',
      'member',
      membership.id,
    ),
  );
  return true;
}

/** Whether this address's domain is connected to an identity provider that is switched on. */
export async function hasSsoFor(db: Db, email: string): Promise<boolean> {
  const connection = await repo.selectConnectionOfDomain(db, domainOf(email));
  return Boolean(connection?.enabled);
}

// ---------- the flow ----------

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
  await deps.db
    .update(authSession)
    .set({ activeOrgId: flow.orgId, ssoOrgId: flow.orgId })
    .where(eq(authSession.token, session.token));
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
