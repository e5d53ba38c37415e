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
  /** Staff without an e-mail address and their sign-in cards: administrators, managers for their teams. */
  signInCodes: ['admin', 'manager'],
  /** Counter devices and the bulk import of members. */
  counterDevices: ['admin'],
  organization: ['admin'],
  /** Log an extra and see one's own. */
  extras: ['member', 'manager', 'director', 'admin'],
  /** The extras of the teams one manages. */
  teamExtras: ['manager'],
  /** The extras of the whole organisation. */
  allExtras: ['director'],
  /** The team feed of stories: read, thank, comment. */
  feed: ['member', 'manager', 'director', 'admin'],
  /** Best practices are for everyone to read. */
  bestPractices: ['member', 'manager', 'director', 'admin'],
  /** Put stories forward as best practices and choose the weekly pick (for their own teams; directors any). */
  manageFeed: ['manager', 'director'],
  /** Everyone in the organisation reads the purpose, values and offer profile. */
  values: ['member', 'manager', 'director', 'admin'],
  manageValues: ['director', 'admin'],
  mandates: ['admin', 'director', 'manager'],
  /** How customers reacted by kind, value, cost and theme. */
  whatWorks: ['member', 'manager', 'director', 'admin'],
  /** The manager's conversation view of the teams they manage. */
  conversation: ['manager'],
  /** Per-member figures in that view: switched on by an admin with the works council's consent. */
  learningSettings: ['admin'],
  manageMandates: ['admin', 'director'],
  /** Promises to customers, the team's steps, the chain and the internal scan. */
  promises: ['member', 'manager', 'director', 'admin'],
  /** All promises of the organisation. */
  allPromises: ['director', 'admin'],
  /** Core questions: answer a campaign, see results as the organisation allows, the actions. */
  questions: ['member', 'manager', 'director', 'admin'],
  /** Launch and close campaigns, the question bank, all groups' results. */
  manageCampaigns: ['director', 'admin'],
  /** The leadership mirror and writing actions for the teams one leads. */
  mirror: ['manager', 'director', 'admin'],
  /** What customers said through reaction links: on my extras and promises, my teams'. */
  voice: ['member', 'manager', 'director', 'admin'],
  /** Touchpoints with their QR codes, and the follow-ups of very negative reactions. */
  touchpoints: ['manager', 'director', 'admin'],
  /** Forget a customer who asks for it (their name becomes a code). */
  forgetCustomers: ['manager', 'director', 'admin'],
  manageTouchpoints: ['director', 'admin'],
  /** Every reaction of the organisation. */
  allVoice: ['director', 'admin'],
  /** Counsel: the needs register and proposals — for everyone, guest advisors included (they see only this). */
  counsel: ['member', 'manager', 'director', 'advisor', 'admin'],
  /** Recognise needs and decide proposals from the queue. */
  decide: ['director', 'admin'],
  /** Webhooks to other tools and API keys (issue 20). */
  integrations: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

type NavLabelKey =
  | 'nav.home'
  | 'nav.logExtra'
  | 'nav.extras'
  | 'nav.setup'
  | 'feed.nav'
  | 'bestPractices.nav'
  | 'conversation.nav'
  | 'whatWorks.nav'
  | 'promises.nav'
  | 'workList.nav'
  | 'chain.nav'
  | 'scan.nav'
  | 'questions.nav'
  | 'voice.nav'
  | 'voice.followupsNav'
  | 'voice.touchpointsNav'
  | 'counsel.needsNav'
  | 'counsel.proposalsNav'
  | 'counsel.queueNav'
  | 'tower.nav'
  | 'nav.values'
  | 'nav.mandates'
  | 'nav.profile'
  | 'nav.teams'
  | 'nav.members'
  | 'nav.invitations'
  | 'workforce.codes.nav'
  | 'workforce.devices.nav'
  | 'nav.organization'
  | 'integrations.nav';
type NavSectionId = 'today' | 'learn' | 'promises' | 'organization' | 'people' | 'you';
type NavSectionKey = `nav.sections.${NavSectionId}`;

export interface NavItem {
  path: string;
  labelKey: NavLabelKey;
  /** Who sees it; 'everyone' is every signed-in person, also one without an active organisation. */
  roles: readonly Role[] | 'everyone';
}

export interface NavSection {
  id: NavSectionId;
  labelKey: NavSectionKey;
  items: NavItem[];
}

/**
 * The menu in a few groups: "today" (what one does every day) is always open, the others fold open
 * when chosen or when the current page is in them, so a phone shows a short list and a laptop needs no
 * scrolling.
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    id: 'today',
    labelKey: 'nav.sections.today',
    items: [
      { path: '/', labelKey: 'nav.home', roles: 'everyone' },
      { path: '/extras/new', labelKey: 'nav.logExtra', roles: ACCESS.extras },
      { path: '/steps', labelKey: 'workList.nav', roles: ACCESS.promises },
      { path: '/customer-voice/follow-ups', labelKey: 'voice.followupsNav', roles: ACCESS.touchpoints },
      { path: '/decision-queue', labelKey: 'counsel.queueNav', roles: ACCESS.decide },
      { path: '/tower', labelKey: 'tower.nav', roles: ACCESS.decide },
    ],
  },
  {
    id: 'learn',
    labelKey: 'nav.sections.learn',
    items: [
      { path: '/extras', labelKey: 'nav.extras', roles: ACCESS.extras },
      { path: '/feed', labelKey: 'feed.nav', roles: ACCESS.feed },
      { path: '/best-practices', labelKey: 'bestPractices.nav', roles: ACCESS.bestPractices },
      { path: '/what-works', labelKey: 'whatWorks.nav', roles: ACCESS.whatWorks },
      { path: '/conversation', labelKey: 'conversation.nav', roles: ACCESS.conversation },
      { path: '/customer-voice', labelKey: 'voice.nav', roles: ACCESS.voice },
      { path: '/questions', labelKey: 'questions.nav', roles: ACCESS.questions },
    ],
  },
  {
    id: 'promises',
    labelKey: 'nav.sections.promises',
    items: [
      { path: '/promises', labelKey: 'promises.nav', roles: ACCESS.promises },
      { path: '/chain', labelKey: 'chain.nav', roles: ACCESS.promises },
      { path: '/internal-scan', labelKey: 'scan.nav', roles: ACCESS.promises },
      { path: '/touchpoints', labelKey: 'voice.touchpointsNav', roles: ACCESS.touchpoints },
    ],
  },
  {
    id: 'organization',
    labelKey: 'nav.sections.organization',
    items: [
      { path: '/values', labelKey: 'nav.values', roles: ACCESS.values },
      { path: '/teams', labelKey: 'nav.teams', roles: ACCESS.teams },
      { path: '/needs', labelKey: 'counsel.needsNav', roles: ACCESS.counsel },
      { path: '/proposals', labelKey: 'counsel.proposalsNav', roles: ACCESS.counsel },
      { path: '/mandates', labelKey: 'nav.mandates', roles: ACCESS.mandates },
      { path: '/setup', labelKey: 'nav.setup', roles: ACCESS.organization },
      { path: '/organization', labelKey: 'nav.organization', roles: ACCESS.organization },
      { path: '/integrations', labelKey: 'integrations.nav', roles: ACCESS.integrations },
    ],
  },
  {
    id: 'people',
    labelKey: 'nav.sections.people',
    items: [
      { path: '/members', labelKey: 'nav.members', roles: ACCESS.members },
      { path: '/invitations', labelKey: 'nav.invitations', roles: ACCESS.invitations },
      { path: '/sign-in-codes', labelKey: 'workforce.codes.nav', roles: ACCESS.signInCodes },
      { path: '/counter-devices', labelKey: 'workforce.devices.nav', roles: ACCESS.counterDevices },
    ],
  },
  {
    id: 'you',
    labelKey: 'nav.sections.you',
    items: [{ path: '/profile', labelKey: 'nav.profile', roles: 'everyone' }],
  },
];

/** Groups that stay open whatever page is shown ("you" is drawn at the menu's foot). */
export const ALWAYS_OPEN: readonly NavSectionId[] = ['today', 'you'];

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

/** The one item to mark as current: the longest path that matches (/extras/new over /extras). */
export function activeNavPath(sections: readonly NavSection[], pathname: string): string | null {
  let best: string | null = null;
  for (const section of sections) {
    for (const item of section.items) {
      if (isActivePath(item.path, pathname) && (!best || item.path.length > best.length)) best = item.path;
    }
  }
  return best;
}
