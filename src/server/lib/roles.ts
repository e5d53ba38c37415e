import type { Role } from '../../contracts/constants';

// The role groups routes name in their access rules.
export const EVERYONE: Role[] = ['member', 'manager', 'director', 'advisor', 'admin'];
/** People who work with customers and log extras: everyone but outside advisors. */
export const STAFF: Role[] = ['member', 'manager', 'director', 'admin'];
export const LEADERS: Role[] = ['manager', 'director', 'admin'];
export const STEERING: Role[] = ['director', 'admin'];
export const ADMIN: Role[] = ['admin'];
