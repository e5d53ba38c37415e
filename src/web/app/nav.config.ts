import type { Role } from '../../contracts/constants';
import { hasAnyRole } from './roles';

/**
 * Who may open what, mirroring the server's route rules (the server decides; this only keeps the
 * interface from offering what would be refused). Routes and navigation both read this.
 */
export const ACCESS = {
  teams: ['member', 'manager', 'director', 'admin'],
  members: ['admin', 'director', 'manager'],
  manageMembers: ['admin'],
  manageTeams: ['admin'],
  invitations: ['admin'],
  organization: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

type NavLabelKey = 'nav.home' | 'nav.profile' | 'nav.teams' | 'nav.members' | 'nav.invitations' | 'nav.organization';
type NavSectionKey = 'nav.sections.work' | 'nav.sections.admin' | 'nav.sections.you';

export interface NavItem {
  path: string;
  labelKey: NavLabelKey;
  /** Who sees it; 'everyone' is every signed-in person, also one without an active organisation. */
  roles: readonly Role[] | 'everyone';
}

export interface NavSection {
  id: 'work' | 'admin' | 'you';
  labelKey: NavSectionKey;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  {
    id: 'work',
    labelKey: 'nav.sections.work',
    items: [
      { path: '/', labelKey: 'nav.home', roles: 'everyone' },
      { path: '/teams', labelKey: 'nav.teams', roles: ACCESS.teams },
      // The modules still to come (purpose & values, extras, learning, promises, core questions,
      // customer voice, counsel, the tower) are added here, each with the roles that may use it.
    ],
  },
  {
    id: 'admin',
    labelKey: 'nav.sections.admin',
    items: [
      { path: '/members', labelKey: 'nav.members', roles: ACCESS.members },
      { path: '/invitations', labelKey: 'nav.invitations', roles: ACCESS.invitations },
      { path: '/organization', labelKey: 'nav.organization', roles: ACCESS.organization },
    ],
  },
  {
    id: 'you',
    labelKey: 'nav.sections.you',
    items: [{ path: '/profile', labelKey: 'nav.profile', roles: 'everyone' }],
  },
];

/** The sections and items this person may see; empty sections are left out. */
export function visibleNavSections(roles: readonly Role[]): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => item.roles === 'everyone' || hasAnyRole(roles, item.roles)),
  })).filter((section) => section.items.length > 0);
}

export function isActivePath(itemPath: string, pathname: string): boolean {
  return itemPath === '/' ? pathname === '/' : pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}
