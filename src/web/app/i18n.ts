import catalogLoaders, { parts as catalogPartNames } from 'virtual:catalog-loaders';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import { setApiLanguage } from './api-client';

type Catalog = typeof import('../../i18n/nl.json');
type EnglishCatalog = typeof import('../../i18n/en.json');

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}

// Both catalogs must have exactly the same keys: this fails to compile when they do not.
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const catalogsMatch: SameShape<Catalog, EnglishCatalog> = true;
void catalogsMatch;

export const LANGUAGE_STORAGE_KEY = 'klantwerk.language';

/**
 * Only the chosen language's catalog is fetched, and of it only the core (what every first screen
 * needs) up front; a page asks for the other parts it uses when it loads (loadCatalogParts).
 */
const loadedParts = new Set<string>(['core']);

async function fetchParts(language: Language, parts: Iterable<string>) {
  const loaders = catalogLoaders[language];
  const loaded = await Promise.all([...parts].map((part) => loaders[part]!()));
  for (const { default: part } of loaded) i18next.addResourceBundle(language, 'translation', part, true, true);
}

/** Loads the catalog parts a page uses (all of them when it does not say). */
export async function loadCatalogParts(parts: readonly string[] = catalogPartNames) {
  const missing = parts.filter((part) => !loadedParts.has(part));
  if (!missing.length) return;
  await fetchParts(currentLanguage(), missing);
  for (const part of missing) loadedParts.add(part);
}

/** Starts fetching catalog parts early (the module loader keeps the answer for loadCatalogParts). */
export function preloadCatalogParts(language: Language, parts: readonly string[]) {
  for (const part of parts) void catalogLoaders[language][part]?.().catch(() => undefined);
}

/** Starts fetching the core catalog early (the module loader keeps the answer for the real import). */
export function preloadCatalog(language: Language) {
  void catalogLoaders[language].core!().catch(() => undefined);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/**
 * The language chosen in this browser before signing in: a cookie, so the server's sign-in page speaks
 * it too (an earlier version kept it in localStorage, still read). A ?lang= in the address (the sign-in
 * page's links) counts as a choice.
 */
export function storedLanguage(): Language | null {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(asked)) return asked;
  const cookie = /(?:^|;\s*)klantwerk\.language=(\w+)/.exec(document.cookie)?.[1];
  if (isLanguage(cookie)) return cookie;
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language) {
  // biome-ignore lint/suspicious/noDocumentCookie: the server's sign-in page reads this cookie; the Cookie Store API is missing in Firefox and Safari
  document.cookie = `${LANGUAGE_STORAGE_KEY}=${language}; path=/; max-age=31536000; samesite=lax`;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'nl';
}

/** Loads the catalog if needed, switches the interface and sets <html lang>. */
export async function applyLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) await fetchParts(language, loadedParts);
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  setApiLanguage(language);
}

export async function initI18n(language: Language): Promise<void> {
  const catalog = await catalogLoaders[language].core!();
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: catalog.default } },
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  setApiLanguage(language);
}
