import type { Role } from '../../contracts/common.contract';

/** The five roles in the order the interface lists them. */
export const ROLE_ORDER = ['member', 'manager', 'director', 'advisor', 'admin'] as const satisfies readonly Role[];

// Fails to compile when the contract gains a role that is missing above.
type MissingRole = Exclude<Role, (typeof ROLE_ORDER)[number]>;
const allRolesListed: [MissingRole] extends [never] ? true : false = true;
void allRolesListed;

export function hasAnyRole(roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean {
  return !!roles && roles.some((role) => allowed.includes(role));
}

export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((role) => roles.includes(role));
}
