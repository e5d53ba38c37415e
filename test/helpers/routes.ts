import { randomUUID } from 'node:crypto';
import type { RouteInfo } from '../../src/server/app';

/** Routes that serve the API documentation: public by construction, not part of the table above. */
const isDocs = (url: string) => url === '/api/openapi.json' || url.startsWith('/api/docs');

export function apiRoutes(table: RouteInfo[]): RouteInfo[] {
  return table.filter((r) => r.url.startsWith('/api') && !isDocs(r.url));
}

export function fillParams(url: string, ids: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? randomUUID());
}
