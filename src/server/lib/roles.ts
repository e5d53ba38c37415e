import type { Role } from '../../contracts/constants';

// The role groups routes name in their access rules.
export const EVERYONE: Role[] = ['member', 'manager', 'director', 'advisor', 'admin'];
/** The staff: everyone but outside (guest) advisors, who see only counsel. */
export const STAFF: Role[] = ['member', 'manager', 'director', 'admin'];
export const LEADERS: Role[] = ['manager', 'director', 'admin'];
export const STEERING: Role[] = ['director', 'admin'];
export const ADMIN: Role[] = ['admin'];
