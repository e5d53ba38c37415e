// Builds the web app and the server into dist/ (`npm run build`). With --if-changed (as `npm test` runs
// it) it builds only when a source, setting or the lock file changed since the last build, so that
// `npm ci && npm test` builds once. The stamp dist/.built carries the moment the last build started:
// a file saved during a build counts as changed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', '.built');
const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts', 'vite.server.config.ts'];

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

if (process.argv.includes('--if-changed') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (inputs.every((input) => newest(path.join(root, input)) <= built)) {
    console.log('dist/ is up to date with the sources: no build needed');
    process.exit(0);
  }
}

const started = new Date();
console.log('building the web app and the server into dist/ …');
for (const args of [
  ['build', '--logLevel', 'warn'],
  ['build', '--config', 'vite.server.config.ts'],
]) {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
closeSync(openSync(stamp, 'w'));
utimesSync(stamp, started, started);
