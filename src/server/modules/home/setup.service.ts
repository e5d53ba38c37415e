import { SETUP_STEPS, type Setup, type SetupStep } from '../../../contracts/home.contract';
import type { Db } from '../../db/client';
import type { TenantContext } from '../../lib/request-context';
import { listMandates } from '../extras/mandates.service';
import * as org from '../org/org.service';
import { findPurpose, listOfferings, listValues } from '../values/values.service';

// The first run of a new organisation: purpose → values → offerings → teams → mandates → invitations.
// Whether a step is done is read from the organisation's own data every time (nothing to keep in step);
// only "skipped for now" is stored.

export async function findSetup(db: Db, tenant: TenantContext): Promise<Setup> {
  const [state, purpose, values, offerings, mandates] = await Promise.all([
    org.findSetupState(db, tenant.orgId),
    findPurpose(db, tenant),
    listValues(db, tenant, false),
    listOfferings(db, tenant, false),
    listMandates(db, tenant),
  ]);
  const done: Record<SetupStep, boolean> = {
    purpose: purpose.purpose.trim().length > 0,
    values: values.length > 0,
    offerings: offerings.length > 0,
    teams: state.teams > 0,
    mandates: mandates.length > 0,
    // Someone invited, or someone already there besides the founder.
    invitations: state.invitations > 0 || state.members > 1,
  };
  const steps = SETUP_STEPS.map((step) => ({
    step,
    done: done[step],
    skipped: !done[step] && state.skipped.includes(step),
  }));
  return { steps, finished: steps.every((s) => s.done || s.skipped) };
}

export async function skipSetupStep(db: Db, tenant: TenantContext, step: SetupStep, skipped: boolean): Promise<Setup> {
  await org.setSetupStepSkipped(db, tenant, step, skipped);
  return findSetup(db, tenant);
}
