import { useSuspenseQuery } from '@tanstack/react-query';
import type { Language } from '../../contracts/common.contract';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';

/** GET /api/config: read at start, never baked into the build. */
export interface RuntimeConfig {
  version: string;
  signUpEnabled: boolean;
  languages: Language[];
  defaultLanguage: Language;
  currency: 'EUR';
}

export const fetchConfig = () => apiGet<RuntimeConfig>('/api/config');

export function useConfig(): RuntimeConfig {
  return useSuspenseQuery({ queryKey: queryKeys.config, queryFn: fetchConfig, staleTime: Infinity }).data;
}
