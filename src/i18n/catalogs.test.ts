import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ROLES } from '../contracts/constants';
import en from './en.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const nlKeys = new Set(keysOf(nl));
const enKeys = new Set(keysOf(en));

describe('the Dutch and English catalogs', () => {
  it('have exactly the same keys', () => {
    expect([...nlKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !nlKeys.has(k))).toEqual([]);
  });

  it('have no empty texts', () => {
    const empty = (catalog: unknown) =>
      keysOf(catalog).filter((k) => {
        const value = k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], catalog);
        return typeof value !== 'string' || value.trim() === '';
      });
    expect(empty(nl)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('translate every error code and role', () => {
    for (const code of ERROR_CODES) expect(nlKeys.has(`errors.${code}`), code).toBe(true);
    for (const role of ROLES) expect(nlKeys.has(`roles.${role}`), role).toBe(true);
  });

  it('call a round of core questions a round in English, never a campaign', () => {
    const texts = (node: unknown): string[] =>
      typeof node === 'string' ? [node] : Object.values(node as object).flatMap(texts);
    expect(texts(en).filter((text) => /campaign/i.test(text))).toEqual([]);
  });

  it('hold every key the web code asks for', () => {
    const webRoot = path.resolve(import.meta.dirname, '../web');
    const missing: string[] = [];
    for (const file of sourceFiles(webRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*['"]([a-zA-Z0-9_.-]+)['"]/g)) {
        const key = match[1]!;
        // i18next plurals: t('x.count', { count }) reads x.count_one / x.count_other
        const known = nlKeys.has(key) || (nlKeys.has(`${key}_one`) && nlKeys.has(`${key}_other`));
        if (!known) missing.push(`${path.relative(webRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
