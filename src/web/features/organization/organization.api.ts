import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Language } from '../../../contracts/constants';
import type { Organization } from '../../../contracts/org.contract';
import { apiGet, apiPatch } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

export function useOrganization() {
  return useQuery({ queryKey: queryKeys.organization, queryFn: () => apiGet<Organization>('/api/v1/organization') });
}

export function useUpdateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; defaultLanguage: Language; timeZone: string }) =>
      apiPatch<Organization>('/api/v1/organization', body),
    onSuccess: (organization) => {
      client.setQueryData(queryKeys.organization, organization);
      // The name shows in the header; the default language may be the one the interface uses.
      void client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
