/**
 * Import boundaries, checked by `npm run lint` (dependency-cruiser). Why each rule exists is in
 * docs/ARCHITECTURE.md; a rule broken fails the build. Pinned to dependency-cruiser 17: 18 refuses to run
 * on Node 20, and `npm run lint` must work on whatever Node a contributor's machine has.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which piece depends on which.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-owns-its-repo',
      severity: 'error',
      comment:
        "A server module does not import another module's repo: it asks that module's service, or reads through a read model (*.read-model.ts).",
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.read-model\\.ts$' },
      to: { path: '^src/server/modules/([^/]+)/.+\\.repo\\.ts$', pathNot: '^src/server/modules/$1/' },
    },
    {
      name: 'module-owns-its-schema',
      severity: 'error',
      comment:
        "A server module's code names only its own tables (src/server/db/schema/<module>.schema.ts) and the core every module stands on: platform (idempotency keys, notices), auth (people and sessions) and org (organisations, members, teams). A summary over other modules' tables is a read model (*.read-model.ts). Tests may set up any table.",
      from: { path: '^src/server/modules/([^/]+)/', pathNot: ['\\.read-model\\.ts$', '\\.test\\.ts$'] },
      to: {
        path: '^src/server/db/schema/[^/]+\\.schema\\.ts$',
        pathNot: [
          '^src/server/db/schema/$1\\.schema\\.ts$',
          '^src/server/db/schema/(platform|auth|org)\\.schema\\.ts$',
        ],
      },
    },
    {
      name: 'feature-stays-in-its-folder',
      severity: 'error',
      comment:
        'A web feature does not import another feature: what several features share lives in src/web/components (pieces of screen) or src/web/app (hooks, API and app wiring).',
      from: { path: '^src/web/features/([^/]+)/' },
      to: { path: '^src/web/features/([^/]+)/', pathNot: '^src/web/features/$1/' },
    },
    {
      name: 'server-and-web-apart',
      severity: 'error',
      comment: 'The server and the web app share only src/contracts (and the word catalogs in src/i18n).',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'Contracts are shared by server and web, so they import neither.',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(server|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
