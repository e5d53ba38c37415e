/**
 * Single sign-on's settings: the administrator's connection, proof of the domains, join requests, and
 * what password sign-in asks of it. Signing in through the provider: sso-flow.service.ts.
 */
import { createHmac } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import type {
  PutSsoConnectionBody,
  SsoDomainCheck,
  SsoJoinRequest,
  SsoSettings,
} from '../../../contracts/sso.contract';
import { putSsoConnectionBody } from '../../../contracts/sso.contract';
import type { Db } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { allowedIssuer, providerConfig } from './oidc-client';
import { openSecret, sealSecret } from './secret-box';
import * as repo from './sso.repo';

/**
 * The secret seals the client secrets and signs the session cookie; config.ssoDnsServers (SSO_DNS_SERVERS)
 * are the DNS servers asked for the domains' TXT records (empty: the system's resolver).
 */
export type SsoDeps = Pick<Deps, 'db' | 'betterAuth' | 'appUrl' | 'secret' | 'log' | 'config'>;

export const CALLBACK_PATH = '/api/v1/auth/sso/callback';

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

export const redirectUriOf = (appUrl: string) => `${appUrl}${CALLBACK_PATH}`;
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

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
