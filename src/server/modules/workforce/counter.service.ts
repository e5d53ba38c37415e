import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import QRCode from 'qrcode';
import type {
  CounterDevice,
  CounterState,
  CounterStep,
  CreatedCounterDevice,
  IssuedCounterPin,
} from '../../../contracts/workforce.contract';
import { AppError, notFound } from '../../lib/app-error';
import { asLanguage } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import { clearThrottles } from '../../lib/throttle';
import type * as extras from '../extras/extras.service';
import * as extraLog from '../extras/log-extra.service';
import * as org from '../org/org.service';
import * as promises from '../promises/steps.service';
import * as values from '../values/values.service';
import { checkWayIn, type WorkforceDeps } from './codes.service';
import { holdTries } from './throttle-holds';
import * as repo from './workforce.repo';

// A shared counter device: an administrator makes a tablet the counter of one team (a set-up link that
// works once, for a day). On it a person of that team taps their name and enters their PIN; they can then
// log an extra and take up the team's steps, nothing else: the counter's cookies open only the routes
// under /api/v1/counter, never a session of the person. The person is signed out after the idle time
// or when the next person starts. The device is listed and revoked on the administrator's screen.

export const DEVICE_COOKIE = 'klantwerk.counter';
export const PERSON_COOKIE = 'klantwerk.counter_person';
const COOKIE_PATH = '/api/v1/counter';
const SETUP_HOURS = 24;
const DEVICE_COOKIE_DAYS = 400;

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

function cookie(name: string, value: string, maxAgeSeconds: number, secure: boolean) {
  return [
    `${name}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[\w-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

function toDevice(row: repo.DeviceRow): CounterDevice {
  return {
    id: row.id,
    name: row.name,
    team: { id: row.teamId, name: row.teamName },
    status: row.revokedAt ? 'revoked' : row.tokenHash ? 'active' : 'waiting',
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

// ---------- the administrator's screen ----------

export async function listDevices(deps: WorkforceDeps, tenant: TenantContext): Promise<CounterDevice[]> {
  return (await repo.selectDevices(deps.db, tenant.orgId)).map(toDevice);
}

export async function createDevice(
  deps: WorkforceDeps,
  tenant: TenantContext,
  input: { name: string; teamId: string },
): Promise<CreatedCounterDevice> {
  const team = await repo.selectActiveTeam(deps.db, tenant.orgId, input.teamId);
  if (!team) throw notFound();
  const setup = randomBytes(32).toString('base64url');
  const id = await deps.db.transaction(async (tx) => {
    const id = await repo.insertDevice(tx, tenant.orgId, {
      name: input.name,
      teamId: team.id,
      activationHash: sha(setup),
      activationExpiresAt: new Date(Date.now() + SETUP_HOURS * 3_600_000),
      createdBy: tenant.memberId,
    });
    await org.recordAudit(tx, tenant, 'counter_device.created', 'counter_device', id, { teamId: team.id });
    return id;
  });
  const setupUrl = `${deps.config.appUrl}/counter#setup=${setup}`;
  const qrSvg = await QRCode.toString(setupUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { device: toDevice((await repo.selectDevice(deps.db, tenant.orgId, id))!), setupUrl, qrSvg };
}

export async function revokeDevice(
  deps: WorkforceDeps,
  tenant: TenantContext,
  deviceId: string,
): Promise<CounterDevice> {
  const row = await repo.selectDevice(deps.db, tenant.orgId, deviceId);
  if (!row) throw notFound();
  await deps.db.transaction(async (tx) => {
    await repo.revokeDevice(tx, tenant.orgId, deviceId);
    await org.recordAudit(tx, tenant, 'counter_device.revoked', 'counter_device', deviceId);
  });
  return toDevice((await repo.selectDevice(deps.db, tenant.orgId, deviceId))!);
}

// ---------- the person's own PIN ----------

/** Not one digit repeated and not a run up or down (1234, 9876). */
function isFairPin(pin: string) {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  return !(steps.size === 1 && [0, 1, -1].includes([...steps][0]!));
}

/** Four to eight digits, not one digit repeated and not a run up or down (1234, 9876). */
function assertFairPin(pin: string) {
  if (!isFairPin(pin)) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.pin', code: 'pin_too_simple', message: 'too easy to guess' }],
    });
  }
}

export async function hasPin(deps: WorkforceDeps, tenant: TenantContext) {
  return { hasPin: !!(await repo.selectPin(deps.db, tenant.orgId, tenant.memberId)) };
}

export async function setPin(deps: WorkforceDeps, tenant: TenantContext, pin: string) {
  assertFairPin(pin);
  await repo.upsertPin(deps.db, tenant.orgId, tenant.memberId, await hashPassword(pin));
  // The person proved who they are: earlier wrong tries on their name no longer hold them.
  await clearThrottles(deps.db, [memberKey(tenant.orgId, tenant.memberId)]);
  return { hasPin: true };
}

export async function removePin(deps: WorkforceDeps, tenant: TenantContext) {
  await repo.deletePin(deps.db, tenant.orgId, tenant.memberId);
  return { hasPin: false };
}

// ---------- a PIN made by a manager or administrator ----------

/** Digits of a PIN made for someone: six, so it is not guessed within the throttle, yet easy to remember. */
export const ISSUED_PIN_LENGTH = 6;

function newFairPin(): string {
  for (;;) {
    let pin = '';
    for (let i = 0; i < ISSUED_PIN_LENGTH; i++) pin += String(randomInt(10));
    if (isFairPin(pin)) return pin;
  }
}

/**
 * A manager (of one of the person's teams) or an administrator makes a new PIN for a person, for
 * example someone without a phone or e-mail address. It is shown once; the old PIN stops at once, and
 * so does the person's session on any counter device.
 */
export async function issuePinFor(
  deps: WorkforceDeps,
  tenant: TenantContext,
  memberId: string,
): Promise<IssuedCounterPin> {
  const found = await repo.selectTenantOfMember(deps.db, tenant.orgId, memberId);
  if (!found) throw notFound();
  checkWayIn(tenant, found.tenant);
  if (found.tenant.roles.every((role) => role === 'advisor'))
    throw new AppError('conflict', 409, { detail: 'advisor' });
  const pin = newFairPin();
  const pinHash = await hashPassword(pin);
  await deps.db.transaction(async (tx) => {
    const before = await repo.selectPin(tx, tenant.orgId, memberId);
    await repo.upsertPin(tx, tenant.orgId, memberId, pinHash);
    await repo.deleteCounterSessionsOfMember(tx, tenant.orgId, memberId);
    // Never the PIN itself: only that it was made, and whether it replaced one.
    await org.recordAudit(tx, tenant, 'member.counter_pin_issued', 'member', memberId, { replaced: !!before });
  });
  await clearThrottles(deps.db, [memberKey(tenant.orgId, memberId)]);
  return { memberId, name: found.name, pin };
}

// ---------- on the device ----------

export type Device = repo.DeviceRow;

export async function activateDevice(deps: WorkforceDeps, token: string): Promise<string> {
  const deviceToken = randomBytes(32).toString('base64url');
  const row = await repo.activateDevice(deps.db, sha(token), sha(deviceToken));
  if (!row) throw new AppError('invalid_token', 400);
  return cookie(DEVICE_COOKIE, deviceToken, DEVICE_COOKIE_DAYS * 86_400, deps.config.appUrl.startsWith('https://'));
}

/** The counter device behind the request's cookie; without one (or revoked) nothing on the counter opens. */
export async function findDevice(deps: WorkforceDeps, cookieHeader: string | undefined): Promise<Device> {
  const token = readCookie(cookieHeader, DEVICE_COOKIE);
  const row = token ? await repo.selectDeviceByToken(deps.db, sha(token)) : undefined;
  if (!row) throw new AppError('counter_device_required', 401);
  return row;
}

const idleUntil = (deps: WorkforceDeps) => new Date(Date.now() + deps.config.counterIdleSeconds * 1000);

export async function counterState(
  deps: WorkforceDeps,
  device: Device,
  cookieHeader: string | undefined,
): Promise<CounterState> {
  const [people, organization] = await Promise.all([
    repo.selectPeopleWithPin(deps.db, device.orgId, device.teamId),
    repo.selectOrganizationName(deps.db, device.orgId),
  ]);
  const token = readCookie(cookieHeader, PERSON_COOKIE);
  const session = token ? await repo.selectCounterSession(deps.db, device.orgId, device.id, sha(token)) : undefined;
  const valueList = session ? await values.listValues(deps.db, { orgId: device.orgId } as TenantContext, false) : [];
  return {
    device: { name: device.name, teamName: device.teamName, organizationName: organization?.name ?? '' },
    people,
    current: session
      ? {
          id: session.memberId,
          name: session.name,
          idleSeconds: Math.max(0, Math.round((session.expiresAt.getTime() - Date.now()) / 1000)),
        }
      : null,
    values: valueList.map((v) => ({ id: v.id, name: v.name })),
    language: asLanguage(organization?.defaultLanguage),
  };
}

const memberKey = (orgId: string, memberId: string) => `pin:member:${orgId}:${memberId}`;

/**
 * A person taps their name and enters their PIN. Wrong PINs count per person (PIN_MAX_PER_MEMBER, on any
 * device) and per device (PIN_MAX_PER_DEVICE, for anyone); a right PIN gives its counts back. The next
 * person's PIN ends the session of the one before.
 */
export async function unlock(
  deps: WorkforceDeps,
  device: Device,
  input: { memberId: string; pin: string },
): Promise<string[]> {
  const limits = deps.config.pinThrottle;
  const windowSeconds = deps.config.signInThrottle.windowMinutes * 60;
  const people = await repo.selectPeopleWithPin(deps.db, device.orgId, device.teamId);
  if (!people.some((p) => p.id === input.memberId)) throw notFound();
  const holds = [
    { key: `pin:device:${device.id}`, max: limits.perDevice },
    { key: memberKey(device.orgId, input.memberId), max: limits.perMember },
  ];
  const { release } = await holdTries(deps.db, holds, windowSeconds);
  const pin = await repo.selectPin(deps.db, device.orgId, input.memberId);
  const right = pin ? await verifyPassword({ hash: pin.pinHash, password: input.pin }).catch(() => false) : false;
  if (!right) {
    await repo.deleteCounterSession(deps.db, device.orgId, device.id);
    throw new AppError('invalid_pin', 401);
  }
  await release();
  const token = randomBytes(32).toString('base64url');
  await repo.replaceCounterSession(deps.db, device.orgId, device.id, input.memberId, sha(token), idleUntil(deps));
  await repo.touchDevice(deps.db, device.orgId, device.id);
  return [cookie(PERSON_COOKIE, token, deps.config.counterIdleSeconds * 4, deps.config.appUrl.startsWith('https://'))];
}

export async function lock(deps: WorkforceDeps, device: Device): Promise<string[]> {
  await repo.deleteCounterSession(deps.db, device.orgId, device.id);
  return [cookie(PERSON_COOKIE, 'signed-out-signed-out-x', 0, deps.config.appUrl.startsWith('https://'))];
}

/** The person working at the device now, as a member of the organisation; their idle time starts again. */
async function personAt(
  deps: WorkforceDeps,
  device: Device,
  cookieHeader: string | undefined,
): Promise<{ tenant: TenantContext; name: string }> {
  const token = readCookie(cookieHeader, PERSON_COOKIE);
  const session = token
    ? await repo.touchCounterSession(deps.db, device.orgId, device.id, sha(token), idleUntil(deps))
    : undefined;
  const found = session ? await repo.selectTenantOfMember(deps.db, device.orgId, session.memberId) : undefined;
  if (!found?.tenant.teamIds.includes(device.teamId)) throw new AppError('unauthenticated', 401);
  return { name: found.name, tenant: { ...found.tenant, roles: found.tenant.roles } };
}

export async function logExtra(
  deps: WorkforceDeps,
  device: Device,
  cookieHeader: string | undefined,
  input: {
    occasion: string;
    action: string;
    kind: extras.LogExtraInput['kind'];
    costCents: number;
    minutes: number;
    aboveMandateReason?: string;
    valueIds?: string[];
  },
) {
  const person = await personAt(deps, device, cookieHeader);
  // Logged at the counter: only the counter's team, so the extra counts there. The values are checked
  // like on the member's own log screen (unknown or retired ones are refused).
  const tenant = { ...person.tenant, teamIds: [device.teamId] };
  const result = await extraLog.logExtra(
    deps.db,
    tenant,
    { name: person.name },
    { ...input, valueIds: input.valueIds ?? [] },
  );
  return result;
}

export async function listSteps(
  deps: WorkforceDeps,
  device: Device,
  cookieHeader: string | undefined,
): Promise<{ items: CounterStep[] }> {
  const person = await personAt(deps, device, cookieHeader);
  return { items: await openStepsOfTeam(deps, device, person.tenant) };
}

async function openStepsOfTeam(deps: WorkforceDeps, device: Device, tenant: TenantContext): Promise<CounterStep[]> {
  const list = await promises.workList(deps.db, tenant, { teamId: device.teamId, state: 'open', limit: 100 });
  return list.items.map((item) => ({
    promiseId: item.promise.id,
    stepId: item.step.id,
    what: item.step.what,
    promiseWhat: item.promise.what,
    customer: item.promise.customer,
    dueDate: item.step.dueDate,
    acceptedBy: item.step.accepted?.by.name ?? null,
  }));
}

export async function takeUpStep(
  deps: WorkforceDeps,
  device: Device,
  cookieHeader: string | undefined,
  promiseId: string,
  stepId: string,
) {
  const person = await personAt(deps, device, cookieHeader);
  const open = await openStepsOfTeam(deps, device, person.tenant);
  if (!open.some((s) => s.promiseId === promiseId && s.stepId === stepId)) throw notFound();
  await promises.acceptStep(deps.db, person.tenant, promiseId, stepId);
}
