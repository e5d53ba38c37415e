import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { loadCatalogParts, preloadCatalogParts, storedLanguage } from './i18n';
import { loadMantineStyles } from './load-mantine-styles';
import { MantineOutlet } from './mantine-island';
import { ACCESS } from './nav.config';
import { prefetchApi } from './query-client';
import { queryKeys } from './query-keys';
import { PublicOnly, RequireRoles, RequireSession } from './route-guards';

const LOG_SCREEN = '/extras/new';
/** The catalog parts the log screen uses. */
const LOG_SCREEN_PARTS = ['extras', 'feed', 'bestPractices'];

/** The log screen's answers, asked for while its code loads (the same keys and paths as extras.api and values.api). */
function prefetchLogScreen() {
  prefetchApi(queryKeys.myMandate, '/api/v1/mandates/me');
  prefetchApi(queryKeys.extraSuggestions, '/api/v1/extras/suggestions');
  prefetchApi(queryKeys.valueList(false), '/api/v1/values?includeRetired=false');
  prefetchApi(queryKeys.purpose, '/api/v1/purpose');
}

/**
 * A page's chunk, the catalog parts it uses (all parts when it names none) and Mantine's stylesheet,
 * fetched together. Only the log screen draws without Mantine (see main.tsx).
 */
function page<T>(load: () => Promise<T>, parts?: readonly string[]): Promise<T> {
  return Promise.all([load(), loadCatalogParts(parts), loadMantineStyles()]).then(([module]) => module);
}

// Every page is its own chunk: the pages before signing in load none of the signed-in pages' code.
const SignInElsewherePage = lazy(() =>
  page(() => import('../features/auth/sign-in-elsewhere.page'), ['auth']).then((m) => ({
    default: m.SignInElsewherePage,
  })),
);
const SignUpPage = lazy(() =>
  page(() => import('../features/auth/sign-up.page'), ['auth']).then((m) => ({ default: m.SignUpPage })),
);
const ConfirmSignUpPage = lazy(() =>
  page(() => import('../features/auth/confirm-sign-up.page'), ['auth']).then((m) => ({ default: m.ConfirmSignUpPage })),
);
const ForgotPasswordPage = lazy(() =>
  page(() => import('../features/auth/forgot-password.page'), ['auth']).then((m) => ({
    default: m.ForgotPasswordPage,
  })),
);
const ResetPasswordPage = lazy(() =>
  page(() => import('../features/auth/reset-password.page'), ['auth']).then((m) => ({ default: m.ResetPasswordPage })),
);
const InvitePage = lazy(() =>
  page(() => import('../features/auth/invite.page'), ['auth']).then((m) => ({ default: m.InvitePage })),
);
const HomePage = lazy(() => page(() => import('../features/home/home.page')).then((m) => ({ default: m.HomePage })));
const SetupPage = lazy(() => page(() => import('../features/home/setup.page')).then((m) => ({ default: m.SetupPage })));
const ProfilePage = lazy(() =>
  page(() => import('../features/profile/profile.page')).then((m) => ({ default: m.ProfilePage })),
);
const PrivacyStatementPage = lazy(() =>
  page(() => import('../features/privacy/statement.page'), ['privacyStatement']).then((m) => ({
    default: m.PrivacyStatementPage,
  })),
);
const TeamsPage = lazy(() =>
  page(() => import('../features/teams/teams.page')).then((m) => ({ default: m.TeamsPage })),
);
const TeamPage = lazy(() => page(() => import('../features/teams/team.page')).then((m) => ({ default: m.TeamPage })));
const MembersPage = lazy(() =>
  page(() => import('../features/members/members.page')).then((m) => ({ default: m.MembersPage })),
);
const InvitationsPage = lazy(() =>
  page(() => import('../features/invitations/invitations.page')).then((m) => ({ default: m.InvitationsPage })),
);
const OrganizationPage = lazy(() =>
  page(() => import('../features/organization/organization.page')).then((m) => ({ default: m.OrganizationPage })),
);
/**
 * The counter phone opens straight on the log screen: its code (and the shell's) is fetched from the
 * first moment, beside the session check, instead of after it. The module loader keeps the answers for
 * the lazy pages' own imports.
 */
export function preloadForPath(pathname: string) {
  if (pathname !== LOG_SCREEN) return;
  void import('./shell.layout').catch(() => undefined);
  void import('../features/extras/log-extra.page').catch(() => undefined);
  // Its words in the likely language (a signed-in person's own language may differ: then they come later).
  preloadCatalogParts(storedLanguage() ?? 'nl', LOG_SCREEN_PARTS);
}

/**
 * The answers of the page being opened, when it is the log screen: asked for beside the session check
 * instead of after it (a round trip less on a slow phone). Without a session they are refused, and the
 * app goes to the sign-in page as it would anyway.
 */
export function prefetchAnswersForPath(pathname: string) {
  if (pathname === LOG_SCREEN) prefetchLogScreen();
}

const LogExtraPage = lazy(() => {
  prefetchLogScreen();
  return Promise.all([import('../features/extras/log-extra.page'), loadCatalogParts(LOG_SCREEN_PARTS)]).then(([m]) => ({
    default: m.LogExtraPage,
  }));
});
const ExtrasPage = lazy(() =>
  page(() => import('../features/extras/extras.page')).then((m) => ({ default: m.ExtrasPage })),
);
const ExtraPage = lazy(() =>
  page(() => import('../features/extras/extra.page')).then((m) => ({ default: m.ExtraPage })),
);
const FeedPage = lazy(() => page(() => import('../features/stories/feed.page')).then((m) => ({ default: m.FeedPage })));
const BestPracticesPage = lazy(() =>
  page(() => import('../features/stories/best-practices.page')).then((m) => ({ default: m.BestPracticesPage })),
);
const ValuesPage = lazy(() =>
  page(() => import('../features/values/values.page')).then((m) => ({ default: m.ValuesPage })),
);
const WhatWorksPage = lazy(() =>
  page(() => import('../features/what-works/what-works.page')).then((m) => ({ default: m.WhatWorksPage })),
);
const ConversationPage = lazy(() =>
  page(() => import('../features/conversation/conversation.page')).then((m) => ({ default: m.ConversationPage })),
);
const PromisesPage = lazy(() =>
  page(() => import('../features/promises/promises.page')).then((m) => ({ default: m.PromisesPage })),
);
const NewPromisePage = lazy(() =>
  page(() => import('../features/promises/new-promise.page')).then((m) => ({ default: m.NewPromisePage })),
);
const PromisePage = lazy(() =>
  page(() => import('../features/promises/promise.page')).then((m) => ({ default: m.PromisePage })),
);
const WorkListPage = lazy(() =>
  page(() => import('../features/promises/work-list.page')).then((m) => ({ default: m.WorkListPage })),
);
const ChainPage = lazy(() =>
  page(() => import('../features/chain/chain.page')).then((m) => ({ default: m.ChainPage })),
);
const TeamFiguresPage = lazy(() =>
  page(() => import('../features/chain/team-figures.page')).then((m) => ({ default: m.TeamFiguresPage })),
);
const ScanPage = lazy(() => page(() => import('../features/chain/scan.page')).then((m) => ({ default: m.ScanPage })));
const CampaignsPage = lazy(() =>
  page(() => import('../features/questions/campaigns.page')).then((m) => ({ default: m.CampaignsPage })),
);
const NewCampaignPage = lazy(() =>
  page(() => import('../features/questions/new-campaign.page')).then((m) => ({ default: m.NewCampaignPage })),
);
const CampaignPage = lazy(() =>
  page(() => import('../features/questions/campaign.page')).then((m) => ({ default: m.CampaignPage })),
);
const ResultsPage = lazy(() =>
  page(() => import('../features/questions/results.page')).then((m) => ({ default: m.ResultsPage })),
);
const MirrorPage = lazy(() =>
  page(() => import('../features/questions/mirror.page')).then((m) => ({ default: m.MirrorPage })),
);
const CustomerVoicePage = lazy(() =>
  page(() => import('../features/voice/customer-voice.page')).then((m) => ({ default: m.CustomerVoicePage })),
);
const TouchpointsPage = lazy(() =>
  page(() => import('../features/voice/touchpoints.page')).then((m) => ({ default: m.TouchpointsPage })),
);
const FollowupsPage = lazy(() =>
  page(() => import('../features/voice/followups.page')).then((m) => ({ default: m.FollowupsPage })),
);
const NeedsPage = lazy(() =>
  page(() => import('../features/counsel/needs.page')).then((m) => ({ default: m.NeedsPage })),
);
const ProposalsPage = lazy(() =>
  page(() => import('../features/counsel/proposals.page')).then((m) => ({ default: m.ProposalsPage })),
);
const NewProposalPage = lazy(() =>
  page(() => import('../features/counsel/new-proposal.page')).then((m) => ({ default: m.NewProposalPage })),
);
const ProposalPage = lazy(() =>
  page(() => import('../features/counsel/proposal.page')).then((m) => ({ default: m.ProposalPage })),
);
const DecisionQueuePage = lazy(() =>
  page(() => import('../features/counsel/decision-queue.page')).then((m) => ({ default: m.DecisionQueuePage })),
);
const TowerPage = lazy(() =>
  page(() => import('../features/tower/tower.page')).then((m) => ({ default: m.TowerPage })),
);
const CodeSignInPage = lazy(() =>
  page(() => import('../features/auth/code-sign-in.page'), ['auth', 'workforce']).then((m) => ({
    default: m.CodeSignInPage,
  })),
);
const CounterPage = lazy(() =>
  page(() => import('../features/workforce/counter.page')).then((m) => ({ default: m.CounterPage })),
);
const SignInCodesPage = lazy(() =>
  page(() => import('../features/workforce/sign-in-codes.page')).then((m) => ({ default: m.SignInCodesPage })),
);
const CounterDevicesPage = lazy(() =>
  page(() => import('../features/workforce/counter-devices.page')).then((m) => ({ default: m.CounterDevicesPage })),
);
const ImportMembersPage = lazy(() =>
  page(() => import('../features/workforce/import.page')).then((m) => ({ default: m.ImportMembersPage })),
);
const NotFoundPage = lazy(() =>
  page(() => import('../components/status-pages.component')).then((m) => ({ default: m.NotFoundPage })),
);
const MandatesPage = lazy(() =>
  page(() => import('../features/mandates/mandates.page')).then((m) => ({ default: m.MandatesPage })),
);
const IntegrationsPage = lazy(() =>
  page(() => import('../features/integrations/integrations.page')).then((m) => ({ default: m.IntegrationsPage })),
);

/**
 * URL paths of the app. The e-mailed links /invite#token=…, /reset-password#token=… and /sign-up/confirm#token=… carry their
 * token in the fragment, which never reaches a server.
 */
export function AppRoutes() {
  return (
    <Routes>
      {/* Every page but the log screen inside Mantine's provider (the log screen draws plain elements). */}
      <Route element={<MantineOutlet />}>
        <Route element={<PublicOnly />}>
          <Route path="/sign-in" element={<SignInElsewherePage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        <Route path="/sign-up/confirm" element={<ConfirmSignUpPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/invite" element={<InvitePage />} />
        <Route path="/code" element={<CodeSignInPage />} />
        <Route path="/counter" element={<CounterPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<RequireRoles roles={ACCESS.extras} />}>
          <Route path={LOG_SCREEN} element={<LogExtraPage />} />
        </Route>
        <Route element={<MantineOutlet />}>
          <Route index element={<HomePage />} />
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/privacy-statement" element={<PrivacyStatementPage />} />
          <Route element={<RequireRoles roles={ACCESS.teams} />}>
            <Route path="/teams" element={<TeamsPage />} />
            <Route path="/teams/:teamId" element={<TeamPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.extras} />}>
            <Route path="/extras" element={<ExtrasPage />} />
            <Route path="/extras/:extraId" element={<ExtraPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.feed} />}>
            <Route path="/feed" element={<FeedPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.bestPractices} />}>
            <Route path="/best-practices" element={<BestPracticesPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.values} />}>
            <Route path="/values" element={<ValuesPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.mandates} />}>
            <Route path="/mandates" element={<MandatesPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.whatWorks} />}>
            <Route path="/what-works" element={<WhatWorksPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.promises} />}>
            <Route path="/promises" element={<PromisesPage />} />
            <Route path="/promises/new" element={<NewPromisePage />} />
            <Route path="/promises/:promiseId" element={<PromisePage />} />
            <Route path="/steps" element={<WorkListPage />} />
            <Route path="/chain" element={<ChainPage />} />
            <Route path="/team-figures" element={<TeamFiguresPage />} />
            <Route path="/internal-scan" element={<ScanPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.questions} />}>
            <Route path="/questions" element={<CampaignsPage />} />
            <Route path="/questions/:campaignId" element={<CampaignPage />} />
            <Route path="/questions/:campaignId/results" element={<ResultsPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.manageCampaigns} />}>
            <Route path="/questions/new" element={<NewCampaignPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.mirror} />}>
            <Route path="/questions/:campaignId/mirror" element={<MirrorPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.voice} />}>
            <Route path="/customer-voice" element={<CustomerVoicePage />} />
            {/* A member reaches the follow-ups given to them (from the notice); the menu shows them to leaders. */}
            <Route path="/customer-voice/follow-ups" element={<FollowupsPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.touchpoints} />}>
            <Route path="/touchpoints" element={<TouchpointsPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.counsel} />}>
            <Route path="/needs" element={<NeedsPage />} />
            <Route path="/proposals" element={<ProposalsPage />} />
            <Route path="/proposals/new" element={<NewProposalPage />} />
            <Route path="/proposals/:proposalId" element={<ProposalPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.decide} />}>
            <Route path="/decision-queue" element={<DecisionQueuePage />} />
            <Route path="/tower" element={<TowerPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.conversation} />}>
            <Route path="/conversation" element={<ConversationPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.members} />}>
            <Route path="/members" element={<MembersPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.invitations} />}>
            <Route path="/invitations" element={<InvitationsPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.signInCodes} />}>
            <Route path="/sign-in-codes" element={<SignInCodesPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.counterDevices} />}>
            <Route path="/counter-devices" element={<CounterDevicesPage />} />
            <Route path="/members/import" element={<ImportMembersPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.organization} />}>
            <Route path="/organization" element={<OrganizationPage />} />
            <Route path="/setup" element={<SetupPage />} />
          </Route>
          <Route element={<RequireRoles roles={ACCESS.integrations} />}>
            <Route path="/integrations" element={<IntegrationsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
