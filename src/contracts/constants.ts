// Plain values and types, no zod: the web imports these without pulling a validation library into its bundle.

export const ROLES = ['member', 'manager', 'director', 'advisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Stable error codes: the web translates each one (errors.<code> in the catalogs). */
export const ERROR_CODES = [
  'validation_failed',
  'mail_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'too_many_requests',
  'invalid_credentials',
  'account_deactivated',
  'no_active_organization',
  'email_taken',
  'invalid_token',
  'invitation_expired',
  'last_admin',
  'signup_disabled',
  'weak_password',
  'invalid_code',
  'invalid_pin',
  'counter_device_required',
  'import_has_problems',
  'mandate_reason_required',
  'mandate_max_above_budget',
  'edit_window_closed',
  'idempotency_key_reused',
  'own_story',
  'not_in_feed',
  'guideline_reason_required',
  'step_closed',
  'steps_not_done',
  'already_rated',
  'promise_settled',
  'campaign_not_open',
  'campaign_not_closed',
  'not_in_audience',
  'member_active',
  'member_erased',
  'member_not_left',
  'member_comparison_off',
  'sso_required',
  'sso_not_connected',
  'sso_failed',
  'sso_pending',
  'sso_domain_taken',
  'sso_domain_not_allowed',
  'sso_discovery_failed',
  'thanks_to_self',
  'member_inactive',
  'reaction_already_requested',
  'mail_not_set_up',
  'promise_not_delivered',
  'internal',
  'unavailable',
  'database_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a new password was refused (the field error's code with weak_password; the web says why in the
 * person's language): on the lists of common and leaked passwords or built from them; built from the
 * person's name, e-mail address or organisation; a repetition or simple pattern (aaaa, abcd, qwerty, a
 * date); otherwise too easy to guess.
 */
export const PASSWORD_PROBLEMS = [
  'password_common',
  'password_personal',
  'password_pattern',
  'password_guessable',
] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** The kinds of extra a mandate can allow. */
export const EXTRA_KINDS = ['gift', 'time', 'upgrade', 'discount', 'other'] as const;
export type ExtraKind = (typeof EXTRA_KINDS)[number];

/** The customer's reaction: 1 very negative, 2 negative, 3 neutral, 4 positive, 5 very positive. */
export const REACTION_SCORES = [1, 2, 3, 4, 5] as const;
export type ReactionScore = (typeof REACTION_SCORES)[number];

/** What members (not managers or directors) see of core-question results. */
export const RESULTS_VISIBILITY = ['none', 'organisation', 'own_groups'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];

/** How many days an organisation may keep the contact details a customer left with a reaction (default 90). */
export const CONTACT_KEEP_DAYS = { min: 7, max: 730 } as const;

/** How many days after their last use customers' names and references are pseudonymised (default 730). */
export const CUSTOMER_KEEP_DAYS = { min: 30, max: 3650 } as const;

/** How many days a member can read back who looked at their per-member figures (default 365). */
export const VIEW_LOG_KEEP_DAYS = { min: 30, max: 730 } as const;

/** What someone saw of one member: the extras filtered to them, that list as CSV, the conversation view's per-member figures, or their file (taken by an administrator after they left). */
export const FIGURE_VIEWS = ['extras_list', 'extras_csv', 'conversation', 'data_file'] as const;
export type FigureView = (typeof FIGURE_VIEWS)[number];

/** What an administrator can subscribe a webhook address to (integrations). */
export const WEBHOOK_EVENTS = [
  'extra.logged',
  'reaction.very_negative',
  'promise.at_risk',
  'promise.broken',
  'proposal.decided',
  'thanks.given',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** klantwerk: our own JSON; slack: {text} for a Slack incoming webhook; teams: an Adaptive Card for a Teams workflow. */
export const WEBHOOK_FORMATS = ['klantwerk', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The longest an API key may live: a year. */
export const API_KEY_MAX_DAYS = 366;
