import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, transformWithOxc } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Once the bundle is written: the service worker with the build's list of files, then a brotli (.br)
 * and a gzip (.gz) copy beside every text file, the service worker's included, at the highest levels
 * (once, at build time), so the server sends them without compressing on each request. One plugin,
 * because Vite runs the closeBundle hooks of several plugins at the same time.
 */
function finishBuild(): Plugin {
  let outDir = '';
  return {
    name: 'klantwerk-finish-build',
    apply: 'build',
    configResolved: (config) => {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const full = path.join(dir, name);
          return statSync(full).isDirectory() ? walk(full) : [full];
        });
      const files = walk(outDir);
      files.push(await writeServiceWorker(outDir, files));
      for (const file of files.filter((f) => COMPRESSIBLE.test(f))) {
        const body = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/** The chunks the log screen runs as it opens (their names in CHUNK_GROUPS, and the entry). */
const FIRST_SCREEN_CHUNKS = /^assets\/(index|rolldown-runtime|data|shell|log-extra(-nl|-en)?)-[\w-]+\.js$/;

/**
 * V8's explicit compile hint on the chunks the log screen runs while it opens: Chromium (136 and later)
 * then compiles all their functions on its streaming thread while they download, instead of each one on
 * the main thread the first time it is called, which on a slow phone was a large part of every long
 * task of the first screen (nearly all of these chunks' functions run then). Other browsers ignore the
 * comment. Added last (after minifying, which would drop it, and after Vite's own additions).
 */
function compileHints(): Plugin {
  return {
    name: 'klantwerk-compile-hints',
    apply: 'build',
    generateBundle: {
      // After Vite's own (which puts its list of preloads at the top of a chunk).
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle))
          if (chunk.type === 'chunk' && FIRST_SCREEN_CHUNKS.test(chunk.fileName))
            chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      },
    },
  };
}

const mantine = (names: string) =>
  new RegExp(`node_modules[\\\\/]@mantine[\\\\/]core[\\\\/]esm[\\\\/]components[\\\\/](${names})[\\\\/]`);
/** What the pages before signing in need beyond the entry, and nearly every other page too: Mantine's controls. */
const BASE = (id: string) =>
  mantine(
    'Alert|Anchor|ActionIcon|CloseButton|Input|InputBase|TextInput|PasswordInput|Paper|VisuallyHidden|UnstyledButton',
  ).test(id) ||
  /src[\\/]web[\\/](components[\\/](problem-alert|password-field|page-header|form-actions))/.test(id) ||
  /src[\\/]web[\\/]features[\\/]auth[\\/]auth\.layout/.test(id);
/**
 * The signed-in shell: layout, the bell, the outbox, in plain elements (its menu, Mantine's, is a chunk of
 * its own, and so are ScrollArea and Modal, which pull in all of @floating-ui).
 */
const SHELL = (id: string) =>
  /src[\\/]web[\\/](app[\\/](shell\.layout|outbox|app-update|notifications\.api)|features[\\/]notifications[\\/]notifications-bell)/.test(
    id,
  );
/** Form controls most signed-in pages use (the log screen uses none of them: it draws plain elements). */
const UI = (id: string) => mantine('Checkbox|Textarea|Progress|SimpleGrid|Skeleton|InlineInput|Badge|Card').test(id);
/**
 * What the log screen shares with most pages, without any of Mantine's components: queries, form state,
 * amounts and dates, the plain controls.
 */
const DATA = (id: string) =>
  /node_modules[\\/](@mantine[\\/](form|hooks)|klona|fast-deep-equal)[\\/]/.test(id) ||
  /node_modules[\\/]@tanstack[\\/]react-query[\\/]/.test(id) ||
  /src[\\/]web[\\/](app[\\/](money|format|use-format|validators|use-session-actions|problem|use-draft|use-idempotent-submit)\.|components[\\/](use-is-phone|light\.component|later\.component))/.test(
    id,
  );
/** The log screen and the small modules it shares with the other extras and stories pages (not the similar stories: Mantine, loaded when they show). */
const LOG_EXTRA = (id: string) =>
  /src[\\/]web[\\/](features[\\/]extras[\\/](log-extra[.-]|extras\.api|mandate-check)|app[\\/](values\.api|stories\.api|extra-labels)|components[\\/]extra-fields)/.test(
    id,
  );

/**
 * Fewer, larger chunks (each request costs a round trip and ~0.5 KiB of headers): the entry with all
 * it imports up front, then Mantine's controls most pages use (ui), what the log screen shares with most
 * pages without Mantine's components (data), the signed-in shell, and the log screen with what it shares
 * with the other extras pages.
 * Everything else stays with its page (or in the automatic shared chunks).
 */
const CHUNK_GROUPS = [
  { name: 'index', priority: 50, tags: ['$initial' as const] },
  // The pages before signing in are rare since the sign-in page became the server's: their controls and
  // the form controls of the signed-in pages are one file, one request fewer on the log screen.
  // Before ui: a group also takes what its modules import, and Mantine's components import @mantine/hooks.
  { name: 'data', priority: 45, test: DATA },
  { name: 'ui', priority: 40, test: (id: string) => BASE(id) || UI(id) },
  { name: 'shell', priority: 30, test: SHELL },
  { name: 'log-extra', priority: 10, test: LOG_EXTRA },
  // The words of the log screen (its catalog parts) in one file per language, not three.
  ...['nl', 'en'].map((lang) => ({
    name: `log-extra-${lang}`,
    priority: 60,
    test: new RegExp(`virtual:catalog/(extras|feed|bestPractices)/${lang}$`),
  })),
  // The words of every other page in one file per language: those pages ask for all parts at once, and
  // two dozen small files cost two dozen round trips. (The core, which every screen needs, stays apart.)
  ...['nl', 'en'].map((lang) => ({
    name: `words-${lang}`,
    priority: 55,
    test: new RegExp(`virtual:catalog/(?!core/)\\w+/${lang}$`),
  })),
];

/** The catalog's top-level keys the first screen of any page needs (sign-in included). */
const CATALOG_CORE = [
  'app',
  'common',
  'errors',
  'nav',
  'notifications',
  'offline',
  'roles',
  'shell',
  'status',
  'validation',
];
/** Only the server reads these (e-mails, CSV headers, the customer's reaction page, the staff privacy statement). */
const CATALOG_SERVER_ONLY = ['mail', 'csv', 'voicePage', 'statement'];

/**
 * The catalogs split by top-level key at build time: `virtual:catalog/core/<lang>` (CATALOG_CORE and the
 * navigation labels of every area) and `virtual:catalog/<key>/<lang>` per other key, with
 * `virtual:catalog-loaders` mapping each language and part to its lazy import.
 */
export function catalogParts(): Plugin {
  const dir = path.resolve(import.meta.dirname, 'src/i18n');
  const read = (lang: string): Record<string, Record<string, unknown>> =>
    JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8'));
  const languages = ['nl', 'en'];
  const parts = Object.keys(read('nl')).filter(
    (key) => !CATALOG_CORE.includes(key) && !CATALOG_SERVER_ONLY.includes(key),
  );
  const pick = (lang: string, part: string) => {
    const catalog = read(lang);
    if (part !== 'core') return { [part]: catalog[part] };
    const core: Record<string, unknown> = Object.fromEntries(CATALOG_CORE.map((key) => [key, catalog[key]]));
    // The menu shows every area's label: keep the keys ending in "nav"/"Nav" of the other parts.
    for (const key of parts) {
      const labels = Object.entries(catalog[key] ?? {}).filter(([leaf]) => /nav$/i.test(leaf));
      if (labels.length) core[key] = Object.fromEntries(labels);
    }
    return core;
  };
  return {
    name: 'klantwerk-catalog-parts',
    resolveId: (id) => (id.startsWith('virtual:catalog') ? `\0${id}` : null),
    load(id) {
      if (id === '\0virtual:catalog-loaders') {
        const entries = languages.map(
          (lang) =>
            `${lang}: {${['core', ...parts].map((part) => `${JSON.stringify(part)}: () => import('virtual:catalog/${part}/${lang}')`).join(', ')}}`,
        );
        return `export const parts = ${JSON.stringify(parts)};\nexport default {${entries.join(',\n')}};`;
      }
      const match = /^\0virtual:catalog\/(\w+)\/(\w+)$/.exec(id);
      if (!match) return null;
      for (const lang of languages) this.addWatchFile(path.join(dir, `${lang}.json`));
      return `export default ${JSON.stringify(pick(match[2]!, match[1]!))};`;
    },
  };
}

/**
 * The service worker keeps exactly the files of this build: its list (and a version that changes with
 * any of them) replaces the PRECACHE placeholder in sw.js.
 */
async function writeServiceWorker(outDir: string, files: string[]): Promise<string> {
  const urls = files
    .filter((f) => !/\.(br|gz)$/.test(f))
    .map((f) => `/${path.relative(outDir, f).split(path.sep).join('/')}`)
    .sort();
  const version = createHash('sha256');
  for (const url of urls) version.update(url).update(readFileSync(path.join(outDir, url)));
  // Outside the app's bundle (it imports nothing): only its types are stripped.
  const file = path.resolve(import.meta.dirname, 'src/web/service-worker.ts');
  const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' });
  if (!code.includes('__PRECACHE__')) throw new Error('service-worker.ts has no __PRECACHE__ placeholder');
  const sw = path.join(outDir, 'sw.js');
  writeFileSync(
    sw,
    code.replace('__PRECACHE__', JSON.stringify({ version: version.digest('hex').slice(0, 16), urls })),
  );
  return sw;
}

// The web app lives in src/web and is built to dist/web, which the server serves.
// `npm run dev:web` serves it with hot reload and sends /api to the server on :3000.
export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react(), compileHints(), finishBuild(), catalogParts()],
  resolve: {
    // Preact in place of React for the web build (README, "Develop"): ~50 KiB less on every first visit.
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: path.resolve(import.meta.dirname, 'src/web/react-compat.mjs') },
    ],
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
