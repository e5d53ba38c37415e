import type { Role } from '../../contracts/constants';
import type { TenantContext } from './request-context';

// The role groups routes name in their access rules.
export const EVERYONE: Role[] = ['member', 'manager', 'director', 'advisor', 'admin'];
/** The staff: everyone but outside (guest) advisors, who see only counsel. */
export const STAFF: Role[] = ['member', 'manager', 'director', 'admin'];
export const LEADERS: Role[] = ['manager', 'director', 'admin'];
export const STEERING: Role[] = ['director', 'admin'];
export const ADMIN: Role[] = ['admin'];

/** Directors and admins: those who steer the organisation. */
export const isSteering = (tenant: Pick<TenantContext, 'roles'>) =>
  tenant.roles.some((role) => STEERING.includes(role));
