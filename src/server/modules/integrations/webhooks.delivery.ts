import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { Language } from '../../../contracts/constants';
import type { WebhookEvent } from '../../../contracts/integrations.contract';
import type { Db } from '../../db/client';
import { asLanguage, translate } from '../../lib/i18n';
import {
  type ClaimedDelivery as Claimed,
  claimDueDeliveries,
  deleteOldDeliveries,
  postponeEndpointDeliveries,
  releaseDeliveries,
  updateDeliveryOutcome,
} from './integrations.repo';

// Sends what webhooks.emit.ts wrote down, in the background job, never in a request: signed, with a short
// timeout, a few at a time, only to public http(s) addresses, retried with back-off and then given up.

/** Minutes before the next try after the 1st, 2nd, ... failed attempt; after the last, the delivery is given up. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 720] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** Deliveries (delivered or given up) are kept this long as the log. */
export const KEEP_DAYS = 30;

export interface DeliveryDeps {
  db: Db;
  log: FastifyBaseLogger;
  appUrl: string;
  /** Also loopback and private addresses (WEBHOOK_ALLOW_PRIVATE): tests and closed networks. */
  allowPrivate: boolean;
  /** How long one address may take to answer, in all. */
  timeoutMs?: number;
  /** Requests out at the same time, per process. */
  concurrency?: number;
  /** Deliveries taken per run. */
  batch?: number;
}

export interface DeliveryRun {
  delivered: number;
  retrying: number;
  failed: number;
  /** Not tried in this run: their address had just failed. */
  postponed: number;
}

/**
 * One run of the delivery job: takes the deliveries that are due at `now` (each by one process only:
 * skip locked, and claimed for a while), sends them a few at a time and writes down how it went.
 * `now` is the job's clock: tests move it forward instead of waiting for the back-off.
 */
export async function deliverDueWebhooks(deps: DeliveryDeps, now = new Date()): Promise<DeliveryRun> {
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const at = now.toISOString();
  const rows = await claimDueDeliveries(deps.db, {
    at,
    batch: deps.batch ?? 100,
    claimSeconds: Math.ceil((timeoutMs * 4) / 1000) + 60,
  });

  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, postponed: 0 };
  // One chain per address, in order: a few addresses at a time, and an address that fails once in a run
  // is not tried again in it (its other deliveries wait for the same back-off): a dead address costs one
  // timeout per run, and never holds up the deliveries to the others.
  const chains = new Map<string, Claimed[]>();
  for (const d of rows) chains.set(d.endpoint_id, [...(chains.get(d.endpoint_id) ?? []), d]);
  const queue = [...chains.values()];
  const worker = async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) {
      for (const [index, d] of chain.entries()) {
        const outcome = d.active
          ? await send(deps, d, timeoutMs)
          : { ok: false as const, statusCode: null, error: 'address paused' };
        const done = outcome.ok || !d.active || d.attempts >= MAX_ATTEMPTS;
        const next = new Date(now.getTime() + (BACKOFF_MINUTES[d.attempts - 1] ?? 0) * 60_000);
        await updateDeliveryOutcome(deps.db, d.org_id, d.id, {
          status: outcome.ok ? 'delivered' : done ? 'failed' : 'pending',
          at,
          statusCode: outcome.statusCode,
          error: outcome.ok ? null : outcome.error.slice(0, 300),
          deliveredAt: outcome.ok ? at : null,
          nextAttemptAt: done ? at : next.toISOString(),
        });
        if (outcome.ok) run.delivered++;
        else if (done) run.failed++;
        else run.retrying++;
        if (outcome.ok) continue;
        // The address's host only, never its path (Slack and Teams put their secret in it) nor the signing secret.
        deps.log.info(
          { delivery: d.id, event: d.event, host: hostOf(d.url), attempt: d.attempts, error: outcome.error },
          done ? 'webhook given up' : 'webhook not delivered; tried again later',
        );
        if (!d.active) continue;
        // The address is down: everything else due for it waits for this one's back-off, claimed in this
        // run or not, so the next runs do not spend a timeout on it again before then.
        const rest = chain.slice(index + 1).map((r) => r.id);
        const later = done ? new Date(now.getTime() + BACKOFF_MINUTES[0] * 60_000) : next;
        if (rest.length) await releaseDeliveries(deps.db, d.org_id, rest, later);
        const waiting = await postponeEndpointDeliveries(deps.db, d.org_id, d.endpoint_id, {
          later: later.toISOString(),
          at,
        });
        run.postponed += rest.length + waiting;
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, queue.length) }, worker));
  return run;
}

/** Forgets deliveries older than KEEP_DAYS (the log shows a month). */
export async function sweepOldDeliveries(db: Db): Promise<number> {
  return deleteOldDeliveries(db, KEEP_DAYS);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
};

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

async function send(deps: DeliveryDeps, d: Claimed, timeoutMs: number): Promise<Outcome> {
  const body = JSON.stringify(formatBody(d, deps.appUrl));
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const statusCode = await post(
      d.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Klantwerk-Webhooks/1',
        'klantwerk-event': d.event,
        'klantwerk-event-id': d.event_id,
        'klantwerk-delivery': d.id,
        'klantwerk-signature': `t=${timestamp},v1=${sign(d.secret, timestamp, body)}`,
      },
      { timeoutMs, allowPrivate: deps.allowPrivate },
    );
    return statusCode >= 200 && statusCode < 300
      ? { ok: true, statusCode }
      : { ok: false, statusCode, error: `answered ${statusCode}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The signature a receiver recomputes: HMAC-SHA256 over `timestamp.body` with the address's secret, in hex. */
export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

// ---------- where a request may go ----------

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6') || /^::ffff:/i.test(address);
  return true;
}

/** Resolves the host once and checks every address; the request then connects to the checked ones only (no DNS rebinding). */
async function resolveTarget(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const found = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  if (!found.length) throw new Error('host not found');
  if (!allowPrivate && found.some((a) => isPrivateAddress(a.address)))
    throw new Error('refused: the address is private or loopback');
  return found;
}

/**
 * POSTs the body and answers the status code. No redirects are followed; the whole exchange is cut
 * after timeoutMs, and at most 64 KiB of the answer is read.
 */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<number> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('refused: only http and https');
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const resolved = await Promise.race([
    resolveTarget(target.hostname, options.allowPrivate),
    new Promise<never>((_, reject) =>
      deadline.addEventListener('abort', () => reject(new Error(`no answer within ${options.timeoutMs} ms`))),
    ),
  ]);
  const pinned: LookupFunction = (_hostname, opts, callback) => {
    if ((opts as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, resolved);
    else callback(null, resolved[0]!.address, resolved[0]!.family);
  };
  return new Promise<number>((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: pinned,
      agent: false,
      signal: deadline,
    });
    request.on('error', (err) =>
      reject(
        deadline.aborted
          ? new Error(`no answer within ${options.timeoutMs} ms`)
          : new Error((err as NodeJS.ErrnoException).code ?? err.message),
      ),
    );
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > 64 * 1024) response.destroy();
      });
      response.on('close', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(response.statusCode ?? 0));
    });
    request.end(body);
  });
}

// ---------- the formats ----------

function formatBody(d: Claimed, appUrl: string): unknown {
  const language = asLanguage(d.default_language);
  const { title, text, link } = describe(language, d.event, d.data, appUrl);
  const open = translate(language, 'integrations.message.open');
  if (d.format === 'slack') return { text: `*${title}*\n${text}\n<${link}|${open}>` };
  if (d.format === 'teams')
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text, wrap: true },
            ],
            actions: [{ type: 'Action.OpenUrl', title: open, url: link }],
          },
        },
      ],
    };
  return {
    id: d.event_id,
    event: d.event,
    occurredAt: new Date(d.occurred_at).toISOString(),
    organization: { id: d.org_id, name: d.org_name },
    data: d.data,
    text: `${title}: ${text}`,
    link,
  };
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The event in words, in the organisation's language, with the page in the app that shows it. */
export function describe(
  language: Language,
  event: WebhookEvent,
  data: Record<string, unknown>,
  appUrl: string,
): { title: string; text: string; link: string } {
  const key = event.replace('.', '_');
  const vars = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, str(v)]));
  if (event === 'proposal.decided')
    vars.decision = translate(language, `integrations.message.decision.${str(data.status) || 'approved'}`);
  const path =
    event === 'extra.logged'
      ? '/extras'
      : event === 'reaction.very_negative'
        ? '/customer-voice/follow-ups'
        : event === 'proposal.decided'
          ? `/proposals/${str(data.proposalId)}`
          : event === 'thanks.given'
            ? '/feed'
            : `/promises/${str(data.promiseId)}`;
  return {
    title: translate(language, `integrations.message.${key}.title`),
    text: translate(language, `integrations.message.${key}.text`, vars),
    link: `${appUrl}${path}`,
  };
}
