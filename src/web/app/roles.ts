import { ROLES, type Role } from '../../contracts/constants';

/** The five roles in the order the interface lists them (the contract's order). */
export const ROLE_ORDER = ROLES;

export function hasAnyRole(roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean {
  return !!roles && roles.some((role) => allowed.includes(role));
}

export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((role) => roles.includes(role));
}
