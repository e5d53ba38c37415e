import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, at the highest
 * levels (once, at build time), so the server sends them without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'klantwerk-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const full = path.join(dir, name);
          return statSync(full).isDirectory() ? walk(full) : [full];
        });
      const files = walk(outDir);
      writeServiceWorker(outDir, files);
      for (const file of walk(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const body = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * The service worker keeps exactly the files of this build: its list (and a version that changes with
 * any of them) replaces the PRECACHE placeholder in sw.js.
 */
function writeServiceWorker(outDir: string, files: string[]) {
  const sw = path.join(outDir, 'sw.js');
  const urls = files
    .filter((f) => f !== sw && !/\.(br|gz)$/.test(f))
    .map((f) => `/${path.relative(outDir, f).split(path.sep).join('/')}`)
    .sort();
  const version = createHash('sha256');
  for (const url of urls) version.update(url).update(readFileSync(path.join(outDir, url)));
  const source = readFileSync(sw, 'utf8');
  if (!source.includes('__PRECACHE__')) throw new Error('sw.js has no __PRECACHE__ placeholder');
  writeFileSync(sw, source.replace('__PRECACHE__', JSON.stringify({ version: version.digest('hex').slice(0, 16), urls })));
}

// The web app lives in src/web and is built to dist/web, which the server serves.
// `npm run dev:web` serves it with hot reload and sends /api to the server on :3000.
export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // The service worker is its own entry, at the root (its scope is the whole app) and without a hash.
      input: { main: path.resolve(import.meta.dirname, 'src/web/index.html'), sw: path.resolve(import.meta.dirname, 'src/web/service-worker.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
