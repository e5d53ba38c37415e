import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import nl from '../../i18n/nl.json' with { type: 'json' };
import { ApiError } from './api-client';
import { isTemporary, problemMessage, shouldShowRequestId } from './problem';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'nl', resources: { nl: { translation: nl } } });

describe('what a person reads when a call fails', () => {
  it('while the database is away: a calm message to try again soon, no request id to report', () => {
    const outage = new ApiError({ status: 503, code: 'database_unavailable', title: 'x', requestId: 'req-1' });
    expect(problemMessage(i18n.t, outage)).toBe('Even geen verbinding met de database. Probeer het zo opnieuw.');
    expect(isTemporary(outage)).toBe(true);
    expect(shouldShowRequestId(outage)).toBe(false);
  });

  it('a fault on the server: the request id to quote', () => {
    const fault = new ApiError({ status: 500, code: 'internal', title: 'x', requestId: 'req-2' });
    expect(isTemporary(fault)).toBe(false);
    expect(shouldShowRequestId(fault)).toBe(true);
  });
});
