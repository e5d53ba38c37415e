import { useQuery } from '@tanstack/react-query';
import type { Tower } from '../../../contracts/tower.contract';
import { apiGet } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The tower, the director's overview of every module (directors and admins).

export function useTower() {
  return useQuery({
    queryKey: queryKeys.tower,
    queryFn: () => apiGet<Tower>('/api/v1/tower'),
  });
}
