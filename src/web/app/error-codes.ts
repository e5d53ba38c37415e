import type { ErrorCode } from '../../contracts/common.contract';

// The contract's list as a value without pulling zod into the bundle; the type below keeps it complete.
const CODES = {
  validation_failed: true,
  invalid_json: true,
  payload_too_large: true,
  unsupported_media_type: true,
  unauthenticated: true,
  forbidden: true,
  csrf_rejected: true,
  not_found: true,
  conflict: true,
  too_many_requests: true,
  invalid_credentials: true,
  account_deactivated: true,
  no_active_organization: true,
  email_taken: true,
  invalid_token: true,
  invitation_expired: true,
  last_admin: true,
  signup_disabled: true,
  weak_password: true,
  internal: true,
  unavailable: true,
} satisfies Record<ErrorCode, true>;

export const ERROR_CODES_SET: ReadonlySet<string> = new Set(Object.keys(CODES));
