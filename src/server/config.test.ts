import { describe, expect, it } from 'vitest';
import { ConfigError, defaultProcesses, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs with no settings at all: port 3000, embedded database in ./data, Dutch demo', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.seedDemo).toBe(true);
  });

  it('follows PORT into the public address unless APP_URL is set', () => {
    expect(loadConfig({ PORT: '8080' }).appUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', APP_URL: 'https://kw.example.nl/' }).appUrl).toBe('https://kw.example.nl');
  });

  it('runs one app process per core, leaving one core to the embedded PostgreSQL, at most 4 unless told', () => {
    expect(defaultProcesses(1, true)).toBe(1);
    expect(defaultProcesses(2, true)).toBe(1);
    expect(defaultProcesses(2, false)).toBe(2);
    expect(defaultProcesses(4, true)).toBe(3);
    expect(defaultProcesses(16, false)).toBe(4);
    expect(loadConfig({ APP_PROCESSES: '6' }).processes).toBe(6);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SMTP_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('takes a read replica only beside DATABASE_URL', () => {
    const both = { DATABASE_URL: 'postgres://db/k', DATABASE_READ_URL: 'postgres://replica/k' };
    expect(loadConfig(both).databaseReadUrl).toBe('postgres://replica/k');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/k' }).databaseReadUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/k' })).toThrow(
      /DATABASE_READ_URL: needs DATABASE_URL/,
    );
  });

  it('says which setting is wrong and why', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_SECRET: 'short' });
    } catch (err) {
      expect((err as Error).message).toContain('PORT');
      expect((err as Error).message).toContain('DATABASE_URL');
      expect((err as Error).message).toContain('AUTH_SECRET');
    }
  });
});

describe('.env.example', () => {
  it('lists every setting, with the default the app really uses', async () => {
    const { readFileSync } = await import('node:fs');
    const { envSchema } = await import('./config');
    const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(Object.keys(listed).sort()).toEqual(Object.keys(envSchema.shape).sort());
    expect(loadConfig(listed)).toEqual(loadConfig({}));
  });
});
