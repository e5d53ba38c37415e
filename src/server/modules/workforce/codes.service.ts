import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import QRCode from 'qrcode';
import type { Me } from '../../../contracts/auth.contract';
import type { Language, Role } from '../../../contracts/constants';
import { type CodeHolder, hasEmailAddress, type IssuedCode } from '../../../contracts/workforce.contract';
import type { Config } from '../../config';
import type { Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { sessionCookie } from '../../lib/session-cookie';
import { findMe, type WithCookies } from '../auth/auth.service';
import * as org from '../org/org.service';
import { holdTries } from './throttle-holds';
import * as repo from './workforce.repo';

// Personal sign-in codes for staff without an e-mail address. A manager (for a team they manage) or an
// administrator adds the person with a name and a team and gets a code, shown once and printed as a
// card with a QR code; the person signs in with it on their own phone and stays signed in there
// (SIGNIN_CODE_DAYS). A new card revokes the old code at once and ends every session of the person,
// so a lost card that someone else already used stops working too.

export type WorkforceDeps = Pick<Deps, 'db' | 'betterAuth' | 'secret'> & {
  config: Pick<Config, 'appUrl' | 'signInThrottle' | 'signInCodeDays' | 'counterIdleSeconds' | 'pinThrottle'>;
};

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from a card is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols of 32: 80 random bits (the selector 30, the verifier 50). */
export const CODE_LENGTH = 16;
const SELECTOR_LENGTH = 6;

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The code as typed, in its plain form (no dashes, upper case, O read as 0, I and L as 1), or null. */
export function normalizeCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== CODE_LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return plain;
}

export const formatCode = (code: string) => code.match(/.{4}/g)!.join('-');

export function codeLink(appUrl: string, code: string) {
  // In the fragment: the browser never sends it to the server, so it never lands in a log.
  return `${appUrl}/code#code=${formatCode(code)}`;
}

async function issue(tx: Tx, orgId: string, memberId: string, createdBy: string | null) {
  const code = newCode();
  await repo.insertCode(tx, orgId, {
    memberId,
    selector: code.slice(0, SELECTOR_LENGTH),
    verifierHash: await hashPassword(code.slice(SELECTOR_LENGTH)),
    createdBy,
  });
  return code;
}

export async function issuedCode(
  deps: WorkforceDeps,
  code: string,
  person: { memberId: string; name: string; teamName: string; organizationName: string },
): Promise<IssuedCode> {
  const url = codeLink(deps.config.appUrl, code);
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { ...person, code: formatCode(code), url, qrSvg };
}

const isAdmin = (tenant: TenantContext) => tenant.roles.includes('admin');

/** An administrator for anyone, a manager for the teams they manage. */
function mayManageTeam(tenant: TenantContext, teamId: string) {
  return isAdmin(tenant) || (tenant.roles.includes('manager') && tenant.managedTeamIds.includes(teamId));
}

/**
 * Who may give a person a new way in (a sign-in card, a counter PIN), and so act as them: an
 * administrator for anyone; a manager for the people of a team they manage who hold no role beyond
 * member. Never a manager for another manager, a director or an administrator: the new way in would hand
 * over that person's rights. Null: the person is none of the caller's business (404); false: the person
 * is, but their roles are beyond the caller (403).
 */
export function mayGiveWayIn(tenant: TenantContext, person: { roles: readonly string[]; teamIds: readonly string[] }) {
  if (isAdmin(tenant)) return true;
  if (!person.teamIds.some((teamId) => mayManageTeam(tenant, teamId))) return null;
  return person.roles.every((role) => role === 'member');
}

/** Refuses a new way in for a person, as mayGiveWayIn says. */
export function checkWayIn(tenant: TenantContext, person: { roles: readonly string[]; teamIds: readonly string[] }) {
  const may = mayGiveWayIn(tenant, person);
  if (may === null) throw notFound();
  if (!may) throw forbidden();
}

/** Makes a person without an e-mail address and their first code (inside a transaction the caller holds). */
export async function createCodePerson(
  tx: Tx,
  tenant: TenantContext,
  input: { name: string; teamId: string; language?: Language | null; roles?: Role[] },
) {
  const userId = randomBytes(12).toString('hex');
  const memberId = await repo.insertPersonWithoutEmail(tx, tenant.orgId, {
    userId,
    name: input.name,
    language: input.language ?? null,
    roles: input.roles ?? ['member'],
    teamId: input.teamId,
  });
  const code = await issue(tx, tenant.orgId, memberId, tenant.memberId);
  await org.recordAudit(tx, tenant, 'member.added_with_code', 'member', memberId, { teamId: input.teamId });
  return { memberId, code };
}

export async function addCodePerson(
  deps: WorkforceDeps,
  tenant: TenantContext,
  input: { name: string; teamId: string; language?: Language },
): Promise<IssuedCode> {
  const team = await repo.selectActiveTeam(deps.db, tenant.orgId, input.teamId);
  if (!team) throw notFound();
  if (!mayManageTeam(tenant, team.id)) throw forbidden();
  const { memberId, code } = await deps.db.transaction((tx) => createCodePerson(tx, tenant, input));
  const organization = await repo.selectOrganizationName(deps.db, tenant.orgId);
  return issuedCode(deps, code, {
    memberId,
    name: input.name,
    teamName: team.name,
    organizationName: organization?.name ?? '',
  });
}

/** A new card for a lost one: the old code stops working at once, and every session of the person ends. */
export async function replaceCode(deps: WorkforceDeps, tenant: TenantContext, memberId: string): Promise<IssuedCode> {
  const person = await repo.selectMemberPerson(deps.db, tenant.orgId, memberId);
  if (!person || person.erasedAt) throw notFound();
  const teams = await repo.selectTeamIdsOfMember(deps.db, tenant.orgId, memberId);
  checkWayIn(tenant, { roles: person.roles, teamIds: teams.map((t) => t.teamId) });
  if (hasEmailAddress(person.email)) throw new AppError('conflict', 409, { detail: 'has an e-mail address' });
  if (person.status !== 'active') throw new AppError('account_deactivated', 409);
  const code = await deps.db.transaction(async (tx) => {
    await repo.revokeCodesOf(tx, tenant.orgId, memberId);
    await repo.deleteSessionsOfUser(tx, person.userId);
    const code = await issue(tx, tenant.orgId, memberId, tenant.memberId);
    await org.recordAudit(tx, tenant, 'member.code_replaced', 'member', memberId);
    return code;
  });
  const organization = await repo.selectOrganizationName(deps.db, tenant.orgId);
  return issuedCode(deps, code, {
    memberId,
    name: person.name,
    teamName: teams[0]?.name ?? '',
    organizationName: organization?.name ?? '',
  });
}

export async function listCodeHolders(deps: WorkforceDeps, tenant: TenantContext): Promise<CodeHolder[]> {
  const rows = await repo.selectCodeHolders(deps.db, tenant.orgId);
  const teams = await repo.selectTeamsOfMembers(
    deps.db,
    tenant.orgId,
    rows.map((r) => r.memberId),
  );
  return rows
    .map((r) => ({
      memberId: r.memberId,
      name: r.name,
      status: r.status as CodeHolder['status'],
      issuedAt: r.issuedAt ? new Date(r.issuedAt).toISOString() : null,
      hasCounterPin: !!r.hasCounterPin,
      teams: teams.filter((t) => t.memberId === r.memberId).map(({ id, name }) => ({ id, name })),
    }))
    .filter((r) => isAdmin(tenant) || r.teams.some((t) => tenant.managedTeamIds.includes(t.id)));
}

const selectorKey = (selector: string) =>
  `code:selector:${createHash('sha256').update(selector).digest('hex').slice(0, 32)}`;

/**
 * Signs in with a code, throttled like a password: every try counts at once (per IP address over all
 * codes, SIGNIN_MAX_PER_IP; per code, SIGNIN_MAX_PER_EMAIL, keyed by its selector, which only a person
 * who saw the card knows), and a right code gives its counts back, so only wrong codes are counted.
 */
export async function signInWithCode(
  deps: WorkforceDeps,
  input: { code: string },
  context: { headers: Headers; ip: string; fallbackLanguage: Language },
): Promise<WithCookies<Me>> {
  const limits = deps.config.signInThrottle;
  const windowSeconds = limits.windowMinutes * 60;
  const code = normalizeCode(input.code);
  const holds = [{ key: `code:ip:${context.ip}`, max: limits.perIp }];
  if (code) holds.push({ key: selectorKey(code.slice(0, SELECTOR_LENGTH)), max: limits.perEmail });
  const { release } = await holdTries(deps.db, holds, windowSeconds);
  const found = code ? await repo.selectCodeBySelector(deps.db, code.slice(0, SELECTOR_LENGTH)) : undefined;
  // A missing code still costs one hash check, so a wrong selector answers in the same time as a wrong verifier.
  const right = await verifyPassword({
    hash: found?.verifierHash ?? (await dummyHash()),
    password: code?.slice(SELECTOR_LENGTH) ?? 'x',
  }).catch(() => false);
  if (!found || !right) throw new AppError('invalid_code', 401);
  await release();
  if (found.status !== 'active') throw new AppError('account_deactivated', 403);

  const auth = await deps.betterAuth.$context;
  const session = await auth.internalAdapter.createSession(found.userId, false, {
    ipAddress: context.ip,
    userAgent: context.headers.get('user-agent') ?? '',
  });
  const days = deps.config.signInCodeDays;
  await repo.tieCodeSession(deps.db, session.token, found.orgId, new Date(Date.now() + days * 86_400_000));
  return {
    body: await findMe(deps.db, found.userId, found.orgId, context.fallbackLanguage),
    cookies: [
      sessionCookie(session.token, deps.secret, {
        secure: deps.config.appUrl.startsWith('https://'),
        maxAgeSeconds: days * 86_400,
      }),
    ],
  };
}

/** A scrypt hash of nothing anyone can type: checked when no code matched, to keep the time the same. */
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
