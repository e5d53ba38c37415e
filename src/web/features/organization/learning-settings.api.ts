import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LearningSettings } from '../../../contracts/learning.contract';
import { apiGet, apiPut } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The organisation's setting for per-member figures in the manager's conversation view.

export function useLearningSettings() {
  return useQuery({
    queryKey: queryKeys.learningSettings,
    queryFn: () => apiGet<LearningSettings>('/api/v1/learning/settings'),
  });
}

export type LearningSettingsChange =
  | { memberComparison: true; worksCouncilAgreed: true; worksCouncilAgreedOn: string; worksCouncilNote: string }
  | { memberComparison: false };

export function useUpdateLearningSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LearningSettingsChange) => apiPut<LearningSettings>('/api/v1/learning/settings', body),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.learningSettings, data);
      return queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}
