import type { Language } from '../../contracts/constants';
import en from '../../i18n/en.json' with { type: 'json' };
import nl from '../../i18n/nl.json' with { type: 'json' };

// The server reads the same catalogs as the web, so an error title and its translation never drift apart.
const catalogs: Record<Language, unknown> = { nl, en };

export function translate(language: Language, key: string, vars: Record<string, string> = {}): string {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** Picks nl or en from an Accept-Language header; Dutch is the default. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'nl';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nl';
}

/** A stored language column as a Language (anything unknown reads as Dutch). */
export function asLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'nl';
}
