import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, type Started, signIn, startApp, waitForHealth } from './helpers/app-process';

// Two app servers on one PostgreSQL behind nginx (Debian's package), as docs/deploy.md describes; one
// of them killed (SIGKILL) while clients log extras through nginx, retrying a failed request with the
// same Idempotency-Key. Needs nginx: without it the test is skipped with a note, unless E2E_REQUIRED=1
// (CI, which installs it), where a missing nginx fails the run.

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

function nginxAvailable(): boolean {
  if (existsSync(NGINX)) return true;
  if (process.env.E2E_REQUIRED === '1')
    throw new Error(`E2E_REQUIRED=1 but no nginx at ${NGINX}: apt-get install -y nginx`);
  console.warn(`Skipping the test behind nginx: no nginx at ${NGINX} (apt-get install -y nginx, or set NGINX_PATH).`);
  return false;
}

/** The proxy part of docs/deploy.md's nginx example, without TLS, in a folder of its own. */
function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  return `
${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream klantwerk {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 2m;
    location / {
      proxy_pass http://klantwerk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

const hasNginx = nginxAvailable();
let dir: string;
let nginx: ChildProcess | undefined;
let base: string;
let databaseUrl: string;
let dropDatabase: () => Promise<void>;
const servers: { port: number; app: Started }[] = [];

beforeAll(async () => {
  if (!hasNginx) return;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-proxy-'));
  await fs.chmod(dir, 0o755);
  // A fresh, empty database on the test run's PostgreSQL: the servers migrate and seed it themselves.
  const serverUrl = inject('pgServerUrl');
  const name = `${inject('databasePrefix')}proxy_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  databaseUrl = `${serverUrl}/${name}`;
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };

  const proxyPort = await freePort();
  base = `http://127.0.0.1:${proxyPort}`;
  const ports = [await freePort(), await freePort()];
  const authSecret = randomBytes(32).toString('base64url');
  // Both start at once on the empty database: one migrates and seeds, the other waits its turn.
  for (const [i, port] of ports.entries()) {
    const dataDir = path.join(dir, `server-${i}`);
    await fs.mkdir(dataDir);
    const app = startApp({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      TRUST_PROXY: 'true',
      APP_URL: base,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '5',
    });
    servers.push({ port, app });
  }
  for (const s of servers) await waitForHealth(`http://127.0.0.1:${s.port}`, s.app);

  await fs.writeFile(path.join(dir, 'nginx.conf'), nginxConfig(dir, proxyPort, ports));
  nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxErr = '';
  nginx.stderr!.on('data', (d) => (nginxErr += String(d)));
  const until = Date.now() + 20_000;
  while (
    !(await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (nginx.exitCode !== null || Date.now() > until) throw new Error(`nginx did not start: ${nginxErr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  if (!hasNginx) return;
  nginx?.kill('SIGQUIT');
  for (const s of servers) if (s.app.child.exitCode === null) s.app.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.app.exited));
  await dropDatabase?.();
  await fs.rm(dir, { recursive: true, force: true });
});

interface Outcome {
  status: number;
  id?: string;
  replayed: boolean;
}

async function post(cookie: string, key: string): Promise<Outcome> {
  const response = await fetch(`${base}/api/v1/extras`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
    body: JSON.stringify({
      occasion: `proxy ${key}`,
      action: 'Meegelopen tot de hoek',
      kind: 'time',
      costCents: 0,
      minutes: 5,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: string };
  return { status: response.status, id: body.id, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

/** A client that retries a failed request (no answer, or a 5xx from the proxy) with the same key until it is saved. */
async function logWithRetry(cookie: string, key: string, tally: { retries: number }): Promise<Outcome> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const outcome = await post(cookie, key).catch(() => ({ status: 0, replayed: false }) as Outcome);
    if (outcome.status === 201) return outcome;
    if (outcome.status !== 0 && outcome.status < 500) throw new Error(`refused: ${outcome.status}`);
    tally.retries++;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never saved: ${key}`);
}

describe.skipIf(!hasNginx)('two app servers on one PostgreSQL behind nginx', () => {
  it('share sessions, and lose no acknowledged extra and duplicate none when one is killed under load', async () => {
    // Signed in through nginx (whichever server answered): the session works on both servers.
    const cookies = [
      await signIn(base, 'lisa@dekroon.example', 'kroon-demo-2026'),
      await signIn(base, 'daan@dekroon.example', 'kroon-demo-2026'),
    ];
    for (const cookie of cookies) {
      for (const s of servers) {
        const me = await fetch(`http://127.0.0.1:${s.port}/api/v1/me`, { headers: { cookie } });
        expect(me.status).toBe(200);
      }
    }

    const acknowledged = new Map<string, string>();
    const keyHolder = new Map<string, string>();
    const tally = { retries: 0 };
    let load = true;
    const clients = Array.from({ length: 6 }, (_, i) =>
      (async () => {
        while (load) {
          const key = randomUUID();
          const cookie = cookies[i % cookies.length]!;
          keyHolder.set(key, cookie);
          const saved = await logWithRetry(cookie, key, tally);
          acknowledged.set(key, saved.id!);
        }
      })(),
    );
    await expect.poll(() => acknowledged.size, { timeout: 20_000 }).toBeGreaterThan(30);
    const [victim, survivor] = servers;
    victim!.app.child.kill('SIGKILL');
    await victim!.app.exited;
    const atKill = acknowledged.size;
    await expect.poll(() => acknowledged.size, { timeout: 30_000 }).toBeGreaterThan(atKill + 30);
    load = false;
    await Promise.all(clients);

    // A client whose answer got lost sends the same key again, now to the survivor: the first extra comes back.
    const retriedKeys = [...acknowledged.keys()].slice(0, 10);
    for (const key of retriedKeys) {
      const again = await post(keyHolder.get(key)!, key);
      expect(again.status).toBe(201);
      expect(again.replayed).toBe(true);
      expect(again.id).toBe(acknowledged.get(key));
    }

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = await db.query<{ id: string; occasion: string }>(
        `select id, occasion from extras where occasion like 'proxy %'`,
      );
      const byKey = new Map<string, string[]>();
      for (const r of rows.rows)
        byKey.set(r.occasion.slice('proxy '.length), [...(byKey.get(r.occasion.slice('proxy '.length)) ?? []), r.id]);
      // Every acknowledged extra is stored, as the id the client was given, and once.
      for (const [key, id] of acknowledged) expect(byKey.get(key)).toEqual([id]);
      // No key made two extras, whatever the client retried.
      expect([...byKey.values()].filter((ids) => ids.length > 1)).toEqual([]);
    } finally {
      await db.end();
    }
    // The survivor still knows both sessions.
    for (const cookie of cookies)
      expect((await fetch(`http://127.0.0.1:${survivor!.port}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    console.info(
      `behind nginx: ${acknowledged.size} extras acknowledged (${atKill} before the kill), ${tally.retries} client retries`,
    );
  }, 120_000);
});
