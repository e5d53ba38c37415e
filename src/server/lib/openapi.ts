import { problemSchema } from '../../contracts/common.contract';

/** The problem+json answers every API route may give, declared once for the OpenAPI document. */
export const problems = {
  400: problemSchema.describe('Bad input: see errors[] for each field'),
  401: problemSchema.describe('Not signed in'),
  403: problemSchema.describe('Not allowed for your role'),
  404: problemSchema.describe('Not found (also for rows of another organisation)'),
  409: problemSchema.describe('Conflicts with the current state'),
  429: problemSchema.describe('Too many attempts'),
  503: problemSchema.describe(
    'The database cannot be reached for a moment (code database_unavailable): try again after Retry-After seconds',
  ),
} as const;
