import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { authAccount, authSession, authUser, authVerification } from '../../db/schema/auth.schema';

export const SESSION_DAYS = 30;
export const RESET_TOKEN_SECONDS = 60 * 60;

export interface BetterAuthOptions {
  db: Db;
  appUrl: string;
  secret: string;
  log: FastifyBaseLogger;
  sendResetPassword: (data: { user: { id: string; email: string; name: string }; token: string }) => Promise<void>;
}

/**
 * Better Auth does the identity work: password hashing, sessions stored in PostgreSQL, reset tokens.
 * Klantwerk does not mount its HTTP handler; our own /api/v1/auth routes call its server API, so every
 * route shares one contract, one error format and one access rule.
 */
export function createBetterAuth(options: BetterAuthOptions) {
  const secure = options.appUrl.startsWith('https://');
  return betterAuth({
    appName: 'Klantwerk',
    baseURL: options.appUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: [options.appUrl],
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: { user: authUser, session: authSession, account: authAccount, verification: authVerification },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => options.sendResetPassword({ user, token }),
    },
    user: {
      additionalFields: {
        language: { type: 'string', required: false, input: false },
      },
    },
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      additionalFields: {
        activeOrgId: { type: 'string', required: false, input: false },
      },
    },
    // Sign-in attempts are throttled by our own PostgreSQL-backed counters (per address and per IP),
    // which hold across several app processes; Better Auth's limiter only guards its HTTP handler.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: 'klantwerk',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
    },
    logger: {
      log: (level, message) => {
        const target = level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'debug';
        options.log[target]({ component: 'better-auth' }, message);
      },
    },
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
