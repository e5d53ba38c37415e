/** Signing up: the mail with the link that confirms it, then the person, their organisation and their session. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Me } from '../../../contracts/auth.contract';
import type { Language } from '../../../contracts/constants';
import { AppError } from '../../lib/app-error';
import { asLanguage, translate } from '../../lib/i18n';
import { sessionCookie } from '../../lib/session-cookie';
import * as org from '../org/org.service';
import * as repo from './auth.repo';
import { type AuthDeps, findMe, keyHash, setActiveOrganization, throttle, type WithCookies } from './auth.service';
import { SESSION_DAYS } from './better-auth';
import { knownDeviceCookie, readDevice } from './known-device';
import { assertStrongPassword } from './password-policy';

/** How long the link that confirms a sign-up works. */
export const SIGN_UP_LINK_HOURS = 24;

interface PendingSignUp {
  organizationName: string;
  name: string;
  email: string;
  language: Language;
  passwordHash: string;
}

const signUpIdentifier = (token: string) => `sign-up:${createHash('sha256').update(token).digest('base64url')}`;

/**
 * Sign-up answers the same, at once, whether or not the address has an account: 202, "check your
 * e-mail". What differs happens after the answer (deps.afterResponse) and reaches only the mailbox:
 * a new address gets a link that creates the organisation and signs in (confirmSignUp); a known one
 * is told that someone tried to sign up with it, and how to sign in or reset the password. Both paths
 * hash the password, so even the work after the answer costs the same.
 */
export async function requestSignUp(
  deps: AuthDeps,
  input: { organizationName: string; name: string; email: string; password: string; language: Language },
  ip: string,
): Promise<void> {
  if (!deps.config.signUpEnabled) throw new AppError('signup_disabled', 403);
  assertStrongPassword(input.password, input, 'body.password');
  const email = input.email.toLowerCase();
  const limits = deps.config.signInThrottle;
  await throttle(deps, `signup:ip:${ip}`, limits.perIp);
  await throttle(deps, `signup:email:${keyHash(email)}`, Math.max(3, Math.floor(limits.perEmail / 2)));
  deps.afterResponse.run('sign-up mail', () => mailSignUp(deps, { ...input, email }));
}

async function mailSignUp(deps: AuthDeps, input: Omit<PendingSignUp, 'passwordHash'> & { password: string }) {
  const { password, ...rest } = input;
  const passwordHash = await (await deps.betterAuth.$context).password.hash(password);
  const existing = await repo.selectUserNameByEmail(deps.db, input.email);
  if (existing) {
    const language = asLanguage(existing.language ?? input.language);
    const vars = {
      name: existing.name,
      signIn: `${deps.config.appUrl}/sign-in`,
      forgot: `${deps.config.appUrl}/forgot-password`,
    };
    await deps.mailer.send({
      to: input.email,
      subject: translate(language, 'mail.signUpExisting.subject'),
      text: translate(language, 'mail.signUpExisting.body', vars),
    });
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const pending: PendingSignUp = { ...rest, passwordHash };
  await repo.insertVerification(deps.db, {
    id: randomUUID(),
    identifier: signUpIdentifier(token),
    value: JSON.stringify(pending),
    expiresAt: new Date(Date.now() + SIGN_UP_LINK_HOURS * 3_600_000),
  });
  const vars = {
    name: input.name,
    organization: input.organizationName,
    link: `${deps.config.appUrl}/sign-up/confirm#token=${token}`,
    hours: String(SIGN_UP_LINK_HOURS),
  };
  await deps.mailer.send({
    to: input.email,
    subject: translate(input.language, 'mail.signUpConfirm.subject', vars),
    text: translate(input.language, 'mail.signUpConfirm.body', vars),
  });
}

/** The link from the sign-up mail: creates the person, their organisation (admin and director) and signs in. Works once. */
export async function confirmSignUp(
  deps: AuthDeps,
  token: string,
  context: { headers: Headers },
): Promise<WithCookies<Me>> {
  const row = await repo.takeVerification(deps.db, signUpIdentifier(token));
  if (!row) throw new AppError('invalid_token', 400);
  const pending = JSON.parse(row.value) as PendingSignUp;
  // Someone else may have made an account with this address since: only the mailbox's owner learns so here.
  const taken = await repo.selectUserIdByEmail(deps.db, pending.email);
  if (taken) throw new AppError('email_taken', 409);

  const auth = await deps.betterAuth.$context;
  const user = await auth.internalAdapter.createUser(
    { email: pending.email, name: pending.name, emailVerified: true },
    { method: 'email-password' },
  );
  try {
    await auth.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: pending.passwordHash,
    });
    await repo.updateUserLanguage(deps.db, user.id, pending.language);
    const created = await org.createOrganization(deps.db, {
      name: pending.organizationName,
      defaultLanguage: pending.language,
      founderUserId: user.id,
      founderRoles: ['admin', 'director'],
    });
    const session = await auth.internalAdapter.createSession(user.id, false, {
      ipAddress: context.headers.get('x-forwarded-for') ?? '',
      userAgent: context.headers.get('user-agent') ?? '',
    });
    await setActiveOrganization(deps.db, session.token, created.org.id);
    const secure = deps.config.appUrl.startsWith('https://');
    return {
      body: await findMe(deps.db, user.id, created.org.id, pending.language),
      cookies: [
        sessionCookie(session.token, deps.secret, { secure, maxAgeSeconds: SESSION_DAYS * 86_400 }),
        knownDeviceCookie(readDevice(context.headers.get('cookie')), pending.email, deps.secret, secure),
      ],
    };
  } catch (err) {
    // Without its organisation the new account is useless: remove it so the address can sign up again.
    await repo.deleteUser(deps.db, user.id);
    throw err;
  }
}
