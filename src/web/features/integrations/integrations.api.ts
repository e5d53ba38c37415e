import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../contracts/constants';
import type {
  ApiKey,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
  WebhookFormat,
} from '../../../contracts/integrations.contract';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../app/api-client';

const keys = {
  webhooks: ['integrations', 'webhooks'] as const,
  deliveries: (webhookId: string) => ['integrations', 'webhooks', webhookId, 'deliveries'] as const,
  apiKeys: ['integrations', 'api-keys'] as const,
};

export function useWebhooks() {
  return useQuery({
    queryKey: keys.webhooks,
    queryFn: () => apiGet<{ items: WebhookEndpoint[] }>('/api/v1/webhooks'),
    select: (d) => d.items,
  });
}

export function useDeliveries(webhookId: string) {
  return useQuery({
    queryKey: keys.deliveries(webhookId),
    queryFn: () => apiGet<{ items: WebhookDelivery[] }>(`/api/v1/webhooks/${encodeURIComponent(webhookId)}/deliveries`),
    select: (d) => d.items,
  });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; url: string; format: WebhookFormat; events: WebhookEvent[] }) =>
      apiPost<CreatedWebhookEndpoint>('/api/v1/webhooks', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useUpdateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; active?: boolean }) =>
      apiPatch<WebhookEndpoint>(`/api/v1/webhooks/${encodeURIComponent(id)}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<null>(`/api/v1/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => apiGet<{ items: ApiKey[] }>('/api/v1/api-keys'),
    select: (d) => d.items,
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role; expiresInDays: number }) =>
      apiPost<CreatedApiKey>('/api/v1/api-keys', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
