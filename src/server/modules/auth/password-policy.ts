import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from '../../../contracts/common.contract';
import type { PasswordProblem } from '../../../contracts/constants';
import { AppError } from '../../lib/app-error';
import { translate } from '../../lib/i18n';

// New passwords are checked on the server, with no network: against the ~49,000 most common passwords
// from breach corpora and the diceware words that @zxcvbn-ts/language-common ships (zxcvbn-ts also finds
// them reversed, in l33t speak, a typo away, or glued to digits), against repetitions, sequences,
// keyboard walks and dates, and against what the app knows about the person. A password must be
// "safely unguessable" by zxcvbn's measure (score 3: more than 10^8 guesses), besides the 10-character
// minimum of the contract. The list and the estimator stay on the server: nothing of it reaches the web bundle.

/** At least this score of zxcvbn (0..4): 3 means more than 10^8 guesses, beyond online guessing under our throttle. */
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
/** Built on first use: ranking the dictionaries takes a moment that a start or a test need not pay. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  return factory;
}

export interface PasswordContext {
  email?: string;
  name?: string;
  organizationName?: string;
}

/** The words of the person's own context that a password must not be built from. */
function personalWords(context: PasswordContext): string[] {
  const email = context.email?.toLowerCase() ?? '';
  const local = email.split('@')[0] ?? '';
  const words = [email, local, ...local.split(/[^\p{L}\p{N}]+/u), 'klantwerk'];
  for (const text of [context.name, context.organizationName]) {
    if (!text) continue;
    words.push(text.toLowerCase(), ...text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  }
  return [...new Set(words.filter((w) => w.length >= 3))];
}

function weakestPart(result: ZxcvbnResult): PasswordProblem {
  const parts = result.sequence;
  if (parts.some((p) => p.pattern === 'dictionary' && p.dictionaryName === 'userInputs')) return 'password_personal';
  if (parts.some((p) => p.pattern === 'dictionary')) return 'password_common';
  if (parts.some((p) => ['repeat', 'sequence', 'spatial', 'date', 'regex'].includes(p.pattern)))
    return 'password_pattern';
  return 'password_guessable';
}

/** Why this password may not be used, or null when it may. */
export function findPasswordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  if (new Set(password.toLowerCase()).size < 4) return 'password_pattern';
  // Exactly the person's address, its name part or their name (in any case or punctuation); a password
  // that only contains one of them is judged by zxcvbn, which counts such a part as known to the attacker.
  const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const own = [context.email, context.email?.split('@')[0], context.name]
    .filter((text): text is string => !!text)
    .map(bare);
  if (own.includes(bare(password))) return 'password_personal';
  const result = estimator().check(password, personalWords(context));
  return result.score >= MIN_SCORE ? null : weakestPart(result);
}

/** Refuses a weak new password with weak_password and a field error at `field` saying why. */
export function assertStrongPassword(password: string, context: PasswordContext, field: string): void {
  const problem = findPasswordProblem(password, context);
  if (!problem) return;
  const errors: FieldError[] = [{ path: field, code: problem, message: translate('en', `validation.${problem}`) }];
  throw new AppError('weak_password', 400, { errors });
}
