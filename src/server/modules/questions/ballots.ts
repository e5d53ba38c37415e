import { createHmac } from 'node:crypto';

// A member's ballot key in a campaign: HMAC(HMAC(secret, campaign), member). Stored while the campaign
// is open, so the member finds and replaces their own answers (one per question) and the day's response
// per group can be counted; without the secret the database cannot turn a key into a member. The keys
// are erased when the campaign closes. Nothing else about a ballot points to a person.

export function ballotKeyer(secret: string, campaignId: string) {
  const campaignKey = createHmac('sha256', secret).update(`klantwerk.ballot.v1.${campaignId}`).digest();
  return (memberId: string) => createHmac('sha256', campaignKey).update(memberId).digest('base64url');
}
