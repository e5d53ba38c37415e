import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

// The only file that reads process.env. Every variable is listed in .env.example with its default.

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  APP_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Klantwerk <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: flag.default(false),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SEED_DEMO: flag.default(true),
  DEMO_PASSWORD: z.string().min(8).default('kroon-demo-2026'),
  SIGNIN_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  SIGNIN_MAX_PER_IP: z.coerce.number().int().min(1).default(100),
  SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(30),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SIGNIN_CODE_DAYS: z.coerce.number().int().min(1).max(730).default(365),
  COUNTER_IDLE_SECONDS: z.coerce.number().int().min(15).max(3600).default(90),
  PIN_MAX_PER_MEMBER: z.coerce.number().int().min(1).default(5),
  PIN_MAX_PER_DEVICE: z.coerce.number().int().min(1).default(20),
  /** DNS servers for proving SSO domains (ip or ip:port, comma-separated); empty: the system's resolver. */
  SSO_DNS_SERVERS: z
    .string()
    .trim()
    .regex(/^$|^[0-9a-fA-F.:[\]]+(,\s*[0-9a-fA-F.:[\]]+)*$/, 'IP addresses, optionally with :port, comma-separated')
    .default(''),
  SIGNUP_ENABLED: flag.default(true),
  BACKUP_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(3),
  BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Public address of the app, used in e-mailed links and to decide on Secure cookies. */
  appUrl: string;
  /** When unset, an embedded PostgreSQL is started with its data in dataDir. */
  databaseUrl: string | undefined;
  /**
   * A streaming replica of DATABASE_URL for the heavy reads (tower, what works, the chain, results,
   * exports); undefined: everything on DATABASE_URL. See db/reads.ts.
   */
  databaseReadUrl: string | undefined;
  dbPoolMax: number;
  /** App processes on this machine (node:cluster workers sharing the port); one per core, at most 4, unless set. */
  processes: number;
  dataDir: string;
  authSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  /** With it, GET /metrics also answers from other machines, to `Authorization: Bearer <token>`; without it only on this machine. */
  metricsToken: string | undefined;
  seedDemo: boolean;
  demoPassword: string;
  /**
   * Wrong passwords allowed within the window (right ones never count): per address from one client
   * (its known device, else its IP address), per IP address from clients that are not a known device of
   * the address, and per address from all such clients together, past which those are slowed (see auth.service).
   */
  signInThrottle: { perEmail: number; perIp: number; perAccount: number; windowMinutes: number };
  signUpEnabled: boolean;
  /** How long a phone stays signed in after signing in with a personal sign-in code. */
  signInCodeDays: number;
  /** A counter device signs its person out after this many seconds without use. */
  counterIdleSeconds: number;
  /** Wrong counter PINs within the sign-in window: per person (on any device) and per device (for anyone). */
  pinThrottle: { perMember: number; perDevice: number };
  /** DNS servers for the SSO domains' TXT records; empty: the system's resolver. */
  ssoDnsServers: string[];
  /**
   * Backups of the embedded database in DATA_DIR/backups: made by the app each night after `hour` (local
   * time; undefined: no nightly backup) and kept `keepDays` days. Not with DATABASE_URL.
   */
  backup: { hour: number | undefined; keepDays: number };
  /** Webhooks may go to loopback and private addresses (tests, closed networks); otherwise refused (SSRF). */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {}

/** More app processes than this by default gain little for one organisation and cost memory each. */
const MAX_DEFAULT_PROCESSES = 4;

/**
 * One app process per core, at most 4; with the embedded PostgreSQL one core is left to it: logging
 * extras on 2 cores gave 424 req/s with one app process and 441 with two (measured with
 * bench/extra-transaction.ts), since PostgreSQL needs the other core, while a second process adds about
 * 130 MiB.
 */
export function defaultProcesses(cores: number, embeddedDatabase: boolean): number {
  return Math.max(1, Math.min(embeddedDatabase ? cores - 1 : cores, MAX_DEFAULT_PROCESSES));
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in an .env file mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_READ_URL: needs DATABASE_URL (a replica of the embedded PostgreSQL is not supported)',
    );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dbPoolMax: e.DB_POOL_MAX,
    processes: e.APP_PROCESSES ?? defaultProcesses(os.availableParallelism(), !e.DATABASE_URL),
    dataDir: path.resolve(e.DATA_DIR),
    authSecret: e.AUTH_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    seedDemo: e.SEED_DEMO,
    demoPassword: e.DEMO_PASSWORD,
    signInThrottle: {
      perEmail: e.SIGNIN_MAX_PER_EMAIL,
      perIp: e.SIGNIN_MAX_PER_IP,
      perAccount: e.SIGNIN_MAX_PER_ACCOUNT,
      windowMinutes: e.SIGNIN_WINDOW_MINUTES,
    },
    signUpEnabled: e.SIGNUP_ENABLED,
    signInCodeDays: e.SIGNIN_CODE_DAYS,
    counterIdleSeconds: e.COUNTER_IDLE_SECONDS,
    pinThrottle: { perMember: e.PIN_MAX_PER_MEMBER, perDevice: e.PIN_MAX_PER_DEVICE },
    ssoDnsServers: e.SSO_DNS_SERVERS.split(',')
      .map((server) => server.trim())
      .filter(Boolean),
    backup: { hour: e.BACKUP_HOUR === 'off' ? undefined : e.BACKUP_HOUR, keepDays: e.BACKUP_KEEP_DAYS },
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
  };
}
