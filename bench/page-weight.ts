// Prints the gzipped JavaScript (and CSS) a browser loads for one page, measured in Chromium against
// `npm start` on a fresh data folder. Needs Debian's chromium.
//   npx tsx bench/page-weight.ts                                  the sign-in page
//   npx tsx bench/page-weight.ts /extras/new lisa@dekroon.example  a page, opened directly when signed in
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/e2e/browser';

const [pagePath = '/', email] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, '..');
const port = 3950;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-weight-'));
await fs.chmod(dataDir, 0o755);
const app = spawn('npm', ['start', '--silent'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: 'ignore',
  detached: true,
});
const browser = await launchBrowser();
try {
  while (!(await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok).catch(() => false))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const page = await browser.newPage();
  if (email) {
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'kroon-demo-2026' }),
    });
    const cookies = signIn.headers.getSetCookie().map((c) => {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: `http://127.0.0.1:${port}` };
    });
    await page.context().addCookies(cookies);
  }
  const loaded: { url: string; type: string; raw: number; gzip: number }[] = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    loaded.push({ url: new URL(response.url()).pathname, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(`http://127.0.0.1:${port}${pagePath}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const kib = (n: number) => (n / 1024).toFixed(1);
  for (const f of loaded) console.log(`  ${f.type.padEnd(10)} ${kib(f.raw).padStart(7)} KiB raw ${kib(f.gzip).padStart(6)} KiB gzip  ${f.url}`);
  const js = loaded.filter((f) => f.type === 'script');
  const css = loaded.filter((f) => f.type === 'stylesheet');
  console.log(`${email ? `${pagePath} signed in as ${email}` : 'sign-in page'} (${page.url().replace(/^https?:\/\/[^/]+/, '')}): ${kib(js.reduce((s, f) => s + f.gzip, 0))} KiB gzipped JavaScript in ${js.length} files, ${kib(css.reduce((s, f) => s + f.gzip, 0))} KiB gzipped CSS`);
} finally {
  await browser.close();
  const done = new Promise((r) => app.on('exit', r));
  process.kill(-app.pid!, 'SIGINT');
  await done;
  await fs.rm(dataDir, { recursive: true, force: true });
}
