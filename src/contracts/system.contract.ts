import { z } from 'zod';
import { languageSchema } from './common.contract';

/** What the web app reads from GET /api/config at start: nothing is baked in at build time. */
export const runtimeConfig = z.object({
  version: z.string(),
  signUpEnabled: z.boolean(),
  /** No organisation exists on this server yet: `/` leads to creating one rather than to signing in. */
  emptyInstance: z.boolean(),
  /** APP_URL still points at this machine (localhost): links and QR codes would not work for anyone else. */
  appUrlLocal: z.boolean(),
  /** Mail really leaves this server (SMTP_URL set); without it a mailed link is only written to the server's log. */
  mailDelivers: z.boolean(),
  languages: z.array(languageSchema),
  defaultLanguage: languageSchema,
  currency: z.literal('EUR'),
});
export type RuntimeConfig = z.infer<typeof runtimeConfig>;

const manifestIcon = z.object({ src: z.string(), sizes: z.string(), type: z.string(), purpose: z.string().optional() });

/** The web app manifest: what a phone needs to install Klantwerk as an app, in the person's language. */
export const webManifest = z.object({
  id: z.string(),
  name: z.string(),
  short_name: z.string(),
  description: z.string(),
  lang: languageSchema,
  dir: z.literal('ltr'),
  start_url: z.string(),
  scope: z.string(),
  display: z.literal('standalone'),
  orientation: z.string(),
  background_color: z.string(),
  theme_color: z.string(),
  icons: z.array(manifestIcon),
  shortcuts: z.array(
    z.object({ name: z.string(), short_name: z.string(), url: z.string(), icons: z.array(manifestIcon) }),
  ),
});
