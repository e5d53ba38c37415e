import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../components/status-pages.component';
import { ACCESS } from './nav.config';
import { PublicOnly, RequireRoles, RequireSession } from './route-guards';

// Every page is its own chunk: the sign-in page loads none of the signed-in pages' code.
const SignInPage = lazy(() => import('../features/auth/sign-in.page').then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import('../features/auth/sign-up.page').then((m) => ({ default: m.SignUpPage })));
const ForgotPasswordPage = lazy(() =>
  import('../features/auth/forgot-password.page').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('../features/auth/reset-password.page').then((m) => ({ default: m.ResetPasswordPage })),
);
const InvitePage = lazy(() => import('../features/auth/invite.page').then((m) => ({ default: m.InvitePage })));
const HomePage = lazy(() => import('../features/home/home.page').then((m) => ({ default: m.HomePage })));
const ProfilePage = lazy(() => import('../features/profile/profile.page').then((m) => ({ default: m.ProfilePage })));
const TeamsPage = lazy(() => import('../features/teams/teams.page').then((m) => ({ default: m.TeamsPage })));
const TeamPage = lazy(() => import('../features/teams/team.page').then((m) => ({ default: m.TeamPage })));
const MembersPage = lazy(() => import('../features/members/members.page').then((m) => ({ default: m.MembersPage })));
const InvitationsPage = lazy(() =>
  import('../features/invitations/invitations.page').then((m) => ({ default: m.InvitationsPage })),
);
const OrganizationPage = lazy(() =>
  import('../features/organization/organization.page').then((m) => ({ default: m.OrganizationPage })),
);
const LogExtraPage = lazy(() => import('../features/extras/log-extra.page').then((m) => ({ default: m.LogExtraPage })));
const ExtrasPage = lazy(() => import('../features/extras/extras.page').then((m) => ({ default: m.ExtrasPage })));
const ExtraPage = lazy(() => import('../features/extras/extra.page').then((m) => ({ default: m.ExtraPage })));
const FeedPage = lazy(() => import('../features/stories/feed.page').then((m) => ({ default: m.FeedPage })));
const BestPracticesPage = lazy(() =>
  import('../features/stories/best-practices.page').then((m) => ({ default: m.BestPracticesPage })),
);
const ValuesPage = lazy(() => import('../features/values/values.page').then((m) => ({ default: m.ValuesPage })));
const WhatWorksPage = lazy(() => import('../features/what-works/what-works.page').then((m) => ({ default: m.WhatWorksPage })));
const ConversationPage = lazy(() =>
  import('../features/conversation/conversation.page').then((m) => ({ default: m.ConversationPage })),
);
const PromisesPage = lazy(() => import('../features/promises/promises.page').then((m) => ({ default: m.PromisesPage })));
const NewPromisePage = lazy(() => import('../features/promises/new-promise.page').then((m) => ({ default: m.NewPromisePage })));
const PromisePage = lazy(() => import('../features/promises/promise.page').then((m) => ({ default: m.PromisePage })));
const WorkListPage = lazy(() => import('../features/promises/work-list.page').then((m) => ({ default: m.WorkListPage })));
const ChainPage = lazy(() => import('../features/chain/chain.page').then((m) => ({ default: m.ChainPage })));
const TeamFiguresPage = lazy(() => import('../features/chain/team-figures.page').then((m) => ({ default: m.TeamFiguresPage })));
const ScanPage = lazy(() => import('../features/chain/scan.page').then((m) => ({ default: m.ScanPage })));
const CampaignsPage = lazy(() => import('../features/questions/campaigns.page').then((m) => ({ default: m.CampaignsPage })));
const NewCampaignPage = lazy(() => import('../features/questions/new-campaign.page').then((m) => ({ default: m.NewCampaignPage })));
const CampaignPage = lazy(() => import('../features/questions/campaign.page').then((m) => ({ default: m.CampaignPage })));
const ResultsPage = lazy(() => import('../features/questions/results.page').then((m) => ({ default: m.ResultsPage })));
const MirrorPage = lazy(() => import('../features/questions/mirror.page').then((m) => ({ default: m.MirrorPage })));
const CustomerVoicePage = lazy(() => import('../features/voice/customer-voice.page').then((m) => ({ default: m.CustomerVoicePage })));
const TouchpointsPage = lazy(() => import('../features/voice/touchpoints.page').then((m) => ({ default: m.TouchpointsPage })));
const FollowupsPage = lazy(() => import('../features/voice/followups.page').then((m) => ({ default: m.FollowupsPage })));
const NeedsPage = lazy(() => import('../features/counsel/needs.page').then((m) => ({ default: m.NeedsPage })));
const ProposalsPage = lazy(() => import('../features/counsel/proposals.page').then((m) => ({ default: m.ProposalsPage })));
const NewProposalPage = lazy(() => import('../features/counsel/new-proposal.page').then((m) => ({ default: m.NewProposalPage })));
const ProposalPage = lazy(() => import('../features/counsel/proposal.page').then((m) => ({ default: m.ProposalPage })));
const DecisionQueuePage = lazy(() => import('../features/counsel/decision-queue.page').then((m) => ({ default: m.DecisionQueuePage })));
const TowerPage = lazy(() => import('../features/tower/tower.page').then((m) => ({ default: m.TowerPage })));
const MandatesPage = lazy(() => import('../features/mandates/mandates.page').then((m) => ({ default: m.MandatesPage })));

/**
 * URL paths of the app. The e-mailed links /invite#token=… and /reset-password#token=… carry their
 * token in the fragment, which never reaches a server.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      </Route>
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/invite" element={<InvitePage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomePage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route element={<RequireRoles roles={ACCESS.teams} />}>
          <Route path="/teams" element={<TeamsPage />} />
          <Route path="/teams/:teamId" element={<TeamPage />} />
        </Route>
        <Route element={<RequireRoles roles={ACCESS.extras} />}>
          <Route path="/extras" element={<ExtrasPage />} />
          <Route path="/extras/new" element={<LogExtraPage />} />
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
        </Route>
        <Route element={<RequireRoles roles={ACCESS.touchpoints} />}>
          <Route path="/touchpoints" element={<TouchpointsPage />} />
          <Route path="/customer-voice/follow-ups" element={<FollowupsPage />} />
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
        <Route element={<RequireRoles roles={ACCESS.organization} />}>
          <Route path="/organization" element={<OrganizationPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
