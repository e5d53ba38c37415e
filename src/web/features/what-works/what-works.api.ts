import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WhatWorks } from '../../../contracts/learning.contract';
import { apiGet, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

export function useWhatWorks(filters: {
  teamId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}) {
  return useQuery({
    queryKey: queryKeys.whatWorks(filters),
    queryFn: () => apiGet<WhatWorks>(`/api/v1/what-works${queryString(filters)}`),
    placeholderData: keepPreviousData,
  });
}
