import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Organization, updateOrganizationBody } from '../../contracts/org.contract';
import { apiGet, apiPatch } from './api-client';
import { queryKeys } from './query-keys';

export function useOrganization() {
  return useQuery({ queryKey: queryKeys.organization, queryFn: () => apiGet<Organization>('/api/v1/organization') });
}

/** Any of the settings: the name, language and time zone, or the core questions' thresholds and who sees results. */
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBody>;

export function useUpdateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationBody) => apiPatch<Organization>('/api/v1/organization', body),
    onSuccess: (organization) => {
      client.setQueryData(queryKeys.organization, organization);
      // The name shows in the header; the default language may be the one the interface uses.
      void client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
