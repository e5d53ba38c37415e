import { useSuspenseQuery } from '@tanstack/react-query';
import type { RuntimeConfig } from '../../contracts/system.contract';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';

export const fetchConfig = () => apiGet<RuntimeConfig>('/api/config');

export function useConfig(): RuntimeConfig {
  return useSuspenseQuery({ queryKey: queryKeys.config, queryFn: fetchConfig, staleTime: Infinity }).data;
}
