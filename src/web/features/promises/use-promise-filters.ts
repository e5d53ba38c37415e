import { useSearchParams } from 'react-router';
import { PROMISE_STATUSES } from '../../../contracts/promises.contract';
import { isDay } from '../../app/use-days';
import type { PromiseFilters, PromiseScope, StatusFilter } from './promises.api';

export const STATUS_FILTERS: StatusFilter[] = ['active', ...PROMISE_STATUSES, 'any'];

const isStatusFilter = (value: string | null): value is StatusFilter =>
  !!value && (STATUS_FILTERS as string[]).includes(value);
const isId = (value: string | null) => !!value && /^[0-9a-f-]{36}$/i.test(value);

export type FilterChanges = Partial<Record<keyof PromiseFilters, string | undefined>>;

/** A link from the chain looks at the whole chain: every status, and the widest scope allowed. */
function defaultsFor(chainLink: boolean, allowed: PromiseScope[]): { scope: PromiseScope; status: StatusFilter } {
  return chainLink
    ? { scope: allowed.includes('all') ? 'all' : 'team', status: 'any' }
    : { scope: 'mine', status: 'active' };
}

/**
 * The list's filters live in the address, so going back from a promise returns to the same list and
 * the chain can link to the promises behind one of its arrows (?handoffFrom=&handoffTo=&from=&to=).
 */
export function usePromiseFilters(allowed: PromiseScope[]) {
  const [params, setParams] = useSearchParams();
  const handoffFrom = isId(params.get('handoffFrom')) ? params.get('handoffFrom')! : undefined;
  const handoffTo = isId(params.get('handoffTo')) ? params.get('handoffTo')! : undefined;
  const chainLink = !!(handoffFrom || handoffTo);
  const defaults = defaultsFor(chainLink, allowed);
  const requestedScope = params.get('scope') as PromiseScope | null;
  const requestedStatus = params.get('status');
  const filters: PromiseFilters = {
    scope: requestedScope && allowed.includes(requestedScope) ? requestedScope : defaults.scope,
    status: isStatusFilter(requestedStatus) ? requestedStatus : defaults.status,
    q: params.get('q') || undefined,
    flagged: params.get('flagged') === 'true' || undefined,
    handoffFrom,
    handoffTo,
    from: isDay(params.get('from') ?? '') ? params.get('from')! : undefined,
    to: isDay(params.get('to') ?? '') ? params.get('to')! : undefined,
  };
  const set = (changes: FilterChanges) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        // A value that is the default stays out of the address.
        const nextDefaults = defaultsFor(!!(next.get('handoffFrom') || next.get('handoffTo')), allowed);
        if (next.get('scope') === nextDefaults.scope) next.delete('scope');
        if (next.get('status') === nextDefaults.status) next.delete('status');
        return next;
      },
      { replace: true },
    );
  return { filters, set, chainLink };
}
