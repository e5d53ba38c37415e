/** Passwords: forgotten (the reset mail and the new password) and changed while signed in. */
import { isAPIError } from 'better-auth/api';
import type { Language } from '../../../contracts/constants';
import { AppError } from '../../lib/app-error';
import { translate } from '../../lib/i18n';
import type { AuthContext } from '../../lib/request-context';
import { clearThrottles } from '../../lib/throttle';
import * as repo from './auth.repo';
import { type AuthDeps, keyHash, mapAuthError, setActiveOrganization, signInKeys, throttle } from './auth.service';
import { assertStrongPassword } from './password-policy';

/**
 * Answers the same, whether or not the address is known, and in the same time: the lookup, the token
 * and the mail happen after the answer (deps.afterResponse), so it cannot be used to find accounts.
 */
export async function requestPasswordReset(deps: AuthDeps, input: { email: string }, ip: string): Promise<void> {
  const limits = deps.config.signInThrottle;
  await throttle(deps, `reset:ip:${ip}`, limits.perIp);
  await throttle(deps, `reset:email:${keyHash(input.email)}`, Math.max(3, Math.floor(limits.perEmail / 2)));
  deps.afterResponse.run('password reset mail', () =>
    deps.betterAuth.api.requestPasswordReset({ body: { email: input.email } }),
  );
}

export function passwordResetLink(appUrl: string, token: string): string {
  return `${appUrl}/reset-password#token=${token}`;
}

/** Called by Better Auth with a fresh token; writes the mail in the person's language. */
export async function sendPasswordResetMail(
  deps: Pick<AuthDeps, 'db' | 'mailer' | 'config'>,
  user: { id: string; email: string; name: string },
  token: string,
) {
  const row = await repo.selectUserLanguage(deps.db, user.id);
  const language: Language = row?.language === 'en' ? 'en' : 'nl';
  const vars = { name: user.name, link: passwordResetLink(deps.config.appUrl, token), minutes: '60' };
  await deps.mailer.send({
    to: user.email,
    subject: translate(language, 'mail.reset.subject', vars),
    text: translate(language, 'mail.reset.body', vars),
  });
}

export async function resetPassword(deps: AuthDeps, input: { token: string; password: string }): Promise<void> {
  // The person behind a live reset link, so their name and address can be kept out of the new password.
  // An unknown or expired token is left to Better Auth, which answers invalid_token.
  const person = await repo.selectVerifiedPerson(deps.db, `reset-password:${input.token}`);
  if (person) assertStrongPassword(input.password, person, 'body.password');
  await deps.betterAuth.api
    .resetPassword({ body: { token: input.token, newPassword: input.password } })
    .catch(mapAuthError);
  if (person) {
    // Whoever holds the mailbox is the person: strangers' wrong guesses no longer slow or stop them.
    const keys = signInKeys(person.email);
    await clearThrottles(deps.db, [keys.account, keys.slowed], [keys.pairs]);
  }
}

export async function changePassword(
  deps: AuthDeps,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  headers: Headers,
): Promise<string[]> {
  assertStrongPassword(input.newPassword, { email: auth.email, name: auth.name }, 'body.newPassword');
  const result = await deps.betterAuth.api
    .changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers,
      returnHeaders: true,
    })
    .catch((err: unknown) => {
      if (isAPIError(err) && (err.body as { code?: string } | undefined)?.code === 'INVALID_PASSWORD') {
        throw new AppError('validation_failed', 400, {
          errors: [{ path: 'body.currentPassword', code: 'invalid_credentials', message: 'wrong password' }],
        });
      }
      return mapAuthError(err);
    });
  // Other sessions were signed out and this one renewed: keep it in the organisation it was in.
  if (result.response.token) await setActiveOrganization(deps.db, result.response.token, auth.activeOrgId);
  return result.headers.getSetCookie();
}
