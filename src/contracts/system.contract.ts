import { z } from 'zod';
import { languageSchema } from './common.contract';

/** What the web app reads from GET /api/config at start: nothing is baked in at build time. */
export const runtimeConfig = z.object({
  version: z.string(),
  signUpEnabled: z.boolean(),
  languages: z.array(languageSchema),
  defaultLanguage: languageSchema,
  currency: z.literal('EUR'),
});
export type RuntimeConfig = z.infer<typeof runtimeConfig>;
