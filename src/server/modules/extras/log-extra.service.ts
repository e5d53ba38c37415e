/** Logging an extra: the quick path for one that costs nothing, the full path with budget lock, mandate and notices. */
import { randomUUID } from 'node:crypto';
import type { Extra } from '../../../contracts/extras.contract';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import {
  alreadyAnswered,
  earlierAnswer,
  type IdempotentResult,
  requestHashOf,
  runIdempotent,
} from '../../lib/idempotency';
import type { DeferredSession, TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import * as repo from './extras.repo';
import { checkOccurredAt, checkValues, type LogExtraInput, toExtra } from './extras.service';
import { judgeMandate, mandateOf } from './mandates.service';

/**
 * Logs an extra. Within the mandate nothing needs approval; above it a reason is required, the extra is
 * saved all the same, marked, and the member's managers are told in the app. A retry with the same
 * Idempotency-Key returns the first answer.
 * `deferred`: the access check took the session from memory (DeferredSession); the free extra's statement
 * verifies it, and anything else checks it first.
 */
export async function logExtra(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey?: string,
  deferred?: DeferredSession | null,
): Promise<IdempotentResult<Extra>> {
  let session = deferred ?? null;
  const checkSession = async () => {
    if (!session) return;
    ({ tenant, auth: author } = await session.check()); // 401 or 403 as the access check says
    session = null;
  };
  let free = await logFreeExtra(db, tenant, author, input, idempotencyKey, session).catch(async (err: unknown) => {
    await checkSession(); // a session gone answers 401 before anything else
    throw err;
  });
  if (free === 'session' || free === 'version') {
    // What this process remembered no longer holds: the session checked now, the rules read again, once more.
    await checkSession();
    free = await logFreeExtra(db, tenant, author, input, idempotencyKey, null);
  }
  if (typeof free === 'object') return free; // its webhook event went with it
  await checkSession();
  const result = await logExtraChecked(db, tenant, author, input, idempotencyKey);
  if (result.status === 201 && !result.replayed)
    await emitEvent(db, tenant.orgId, 'extra.logged', loggedEvent(result.body));
  return result;
}

/** What the webhook event 'extra.logged' tells. */
function loggedEvent(extra: Extra) {
  return { extraId: extra.id, action: extra.action, author: extra.member.name };
}

/**
 * Per organisation, what the quick path relies on (repo.OrgRules, with the config_version it was read
 * at), for the organisations this process logged for: at most RULES_MAX, the map starts over when full.
 * The free extra's statement writes only while the organisation's version is still that one.
 */
const rulesByOrg = new Map<string, repo.OrgRules>();
const RULES_MAX = 10_000;

/** The organisation's rules as remembered, read again when there are none or older than `atLeast`. */
async function orgRules(db: Db, orgId: string, atLeast = 0): Promise<repo.OrgRules | undefined> {
  const known = rulesByOrg.get(orgId);
  if (known && known.configVersion >= atLeast) return known;
  const rules = await repo.selectOrgRules(db, orgId);
  if (rules) {
    if (rulesByOrg.size >= RULES_MAX) rulesByOrg.clear();
    rulesByOrg.set(orgId, rules);
  }
  return rules;
}

/**
 * The common case in one round trip: an extra that costs nothing spends no budget, so it needs no
 * lock and no usage sums, only its values active and its kind allowed, which the organisation's rules
 * as remembered say (the statement checks they still hold). 'full' when it needs more (an error to
 * explain, a mandate it goes above): the full path then decides; 'session' or 'version' when what was
 * remembered no longer holds (nothing written).
 */
async function logFreeExtra(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey: string | undefined,
  session: DeferredSession | null,
): Promise<IdempotentResult<Extra> | 'full' | 'session' | 'version'> {
  if (input.costCents !== 0) return 'full';
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  try {
    checkOccurredAt(occurredAt);
  } catch {
    return 'full';
  }
  const rules = await orgRules(db, tenant.orgId, session?.configVersion);
  if (!rules) return 'full';
  // The session was found at another version than the rules: the session checked again, then the rules.
  if (session && rules.configVersion !== session.configVersion) return 'version';
  const valueIds = [...new Set(input.valueIds)];
  if (!valueIds.every((id) => rules.activeValueIds.has(id))) return 'full';
  const mandate = mandateOf(rules.mandates, { id: tenant.memberId, roles: tenant.roles, teamIds: tenant.teamIds });
  if (mandate && !(mandate.allowedKinds.includes(input.kind) && mandate.maxPerExtraCents >= 0)) return 'full';
  const now = new Date();
  const row: repo.ExtraRow = {
    orgId: tenant.orgId,
    id: randomUUID(),
    memberId: tenant.memberId,
    teamIds: tenant.teamIds,
    occurredAt,
    occasion: input.occasion,
    action: input.action,
    kind: input.kind,
    costCents: 0,
    minutes: input.minutes,
    valueIds,
    customerRef: input.customerRef?.trim() || null,
    reactionText: input.reactionText?.trim() || null,
    reactionScore: input.reactionScore ?? null,
    aboveMandate: false,
    aboveMandateReason: null,
    mandateId: mandate?.id ?? null,
    inFeed: input.inFeed ?? true,
    occasionTsv: null,
    hiddenAt: null,
    hiddenReason: null,
    hiddenBy: null,
    deletedAt: null,
    deletedBy: null,
    createdAt: now,
    updatedAt: now,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: null,
  };
  const body = toExtra(row, author.name);
  const requestHash = idempotencyKey ? requestHashOf(input) : '';
  const done = await repo.insertFreeExtra(
    db,
    {
      ...row,
      reactionText: row.reactionText,
      customerRef: row.customerRef,
      configVersion: rules.configVersion,
      session: session && { token: session.token, userId: session.userId },
      event: { id: randomUUID(), data: JSON.stringify(loggedEvent(body)) },
    },
    idempotencyKey ? { key: idempotencyKey, requestHash } : undefined,
  );
  if (done === 'version') rulesByOrg.delete(tenant.orgId);
  if (typeof done === 'string') return done;
  if (done.saved) return { status: 201, body, replayed: false };
  // The key was taken (a retry, perhaps at the same moment): the first answer.
  return (idempotencyKey && (await earlierExtra(db, tenant, author, idempotencyKey, requestHash))) || 'full';
}

/**
 * The first answer to a request with this Idempotency-Key: kept in idempotency_keys when the full path
 * stored it or the extra has changed since (migration 0038), else made from the extra, which carries
 * the key (as it was logged: unchanged). Undefined when no extra has the key; the same key with another
 * request is refused.
 */
async function earlierExtra(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  key: string,
  requestHash: string,
): Promise<IdempotentResult<Extra> | undefined> {
  const kept = await earlierAnswer<Extra>(db, { orgId: tenant.orgId, memberId: tenant.memberId, key }, requestHash);
  if (kept) return kept;
  const row = await repo.selectExtraByKey(db, tenant.orgId, tenant.memberId, key);
  if (!row) return undefined;
  if (row.requestHash !== requestHash) throw new AppError('idempotency_key_reused', 422);
  return { status: 201, body: toExtra(row, author.name), replayed: true };
}

/** Logging with every check: the budget locked, the mandate judged, the managers told when above it. */
async function logExtraChecked(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<Extra>> {
  return runIdempotent(
    db,
    {
      orgId: tenant.orgId,
      memberId: tenant.memberId,
      key: idempotencyKey,
      request: input,
      earlier: (key, requestHash) => earlierExtra(db, tenant, author, key, requestHash),
    },
    async (tx) => {
      await repo.lockMemberBudget(tx, tenant.orgId, tenant.memberId);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
      checkOccurredAt(occurredAt);
      const valueIds = await checkValues(tx, tenant.orgId, input.valueIds);
      const judged = await judgeMandate(tx, tenant, { ...input, occurredAt, reason: input.aboveMandateReason });
      const reactionText = input.reactionText?.trim() || null;
      const reactionScore = input.reactionScore ?? null;
      const row = await repo.insertExtra(tx, tenant.orgId, {
        memberId: tenant.memberId,
        teamIds: tenant.teamIds,
        occurredAt,
        occasion: input.occasion,
        inFeed: input.inFeed ?? true,
        action: input.action,
        kind: input.kind,
        costCents: input.costCents,
        minutes: input.minutes,
        valueIds,
        customerRef: input.customerRef?.trim() || null,
        reactionText,
        reactionScore,
        aboveMandate: judged.above,
        aboveMandateReason: judged.reason,
        mandateId: judged.mandateId,
        // The key on the extra too, so that the quick path's retries see it (and this path theirs).
        idempotencyKey: idempotencyKey ?? null,
        requestHash: idempotencyKey ? requestHashOf(input) : null,
      });
      if (!row) alreadyAnswered();
      // Its reaction stays on the extra's row until it is first changed (migration 0033).
      const extra = toExtra(row, author.name);
      if (judged.above) {
        const managers = (await org.findManagerIdsOfTeams(tx, tenant.orgId, tenant.teamIds)).filter(
          (id) => id !== tenant.memberId,
        );
        await notifyMembers(tx, tenant.orgId, managers, 'extra_above_mandate', {
          extraId: row.id,
          memberId: tenant.memberId,
          memberName: author.name,
          costCents: row.costCents,
          /** The part of the cost above the mandate (the whole cost without a mandate or for a kind not allowed). */
          aboveCents: judged.aboveCents,
          occasion: row.occasion,
          reason: judged.reason,
        });
      }
      return { status: 201, body: extra };
    },
  );
}
