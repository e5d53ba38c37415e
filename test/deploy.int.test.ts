import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/server/config';
import { ROOT } from './helpers/app-process';

// docs/deploy.md and deploy/klantwerk.service, checked against the tools that will read them.

const guide = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
const unit = path.join(ROOT, 'deploy/klantwerk.service');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('the deploy guide', () => {
  it('names only settings the app knows, each listed in .env.example', () => {
    const named = new Set(
      [...guide.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PORT|HOST)\b(?==|`|,| )/g)].map((m) => m[1]!),
    );
    const envExample = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const settings = [...named];
    expect(settings).toContain('TRUST_PROXY');
    expect(settings).toContain('BACKUP_KEEP_DAYS');
    for (const name of settings) {
      expect(Object.keys(envSchema.shape), name).toContain(name);
      expect(envExample, name).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it.skipIf(!has('systemd-analyze'))('ships a systemd unit that systemd-analyze accepts', () => {
    const verified = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    // A machine without npm in /usr/bin cannot run the unit unchanged: that is the one warning allowed.
    const problems = `${verified.stdout}${verified.stderr}`
      .split('\n')
      .filter((l) => l.trim() && !(l.includes('/usr/bin/npm') && !existsSync('/usr/bin/npm')));
    expect(problems).toEqual([]);
    const text = readFileSync(unit, 'utf8');
    expect(text).toMatch(/^ExecStart=\/usr\/bin\/npm start$/m);
    expect(text).toMatch(/^Environment=DATA_DIR=\/var\/lib\/klantwerk$/m);
  });

  it.skipIf(!has('nginx') || !has('openssl'))('has an nginx example that nginx accepts', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-nginx-t-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          `${dir}/key.pem`,
          '-out',
          `${dir}/cert.pem`,
          '-days',
          '1',
          '-subj',
          '/CN=klantwerk.example.nl',
        ],
        { stdio: 'ignore' },
      );
      const block = /```nginx\n([\s\S]*?)```/
        .exec(guide)![1]!
        .replace('/etc/letsencrypt/live/klantwerk.example.nl/fullchain.pem', `${dir}/cert.pem`)
        .replace('/etc/letsencrypt/live/klantwerk.example.nl/privkey.pem', `${dir}/key.pem`);
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
        .map((t) => `${t}_temp_path ${dir}/${t};`)
        .join(' ');
      await fs.writeFile(
        `${dir}/nginx.conf`,
        `pid ${dir}/nginx.pid; error_log ${dir}/error.log; events {} http { access_log off; ${temp}\n${block}\n}`,
      );
      const checked = spawnSync('nginx', ['-t', '-c', `${dir}/nginx.conf`, '-p', dir], { encoding: 'utf8' });
      expect(checked.stderr).toContain('test is successful');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
