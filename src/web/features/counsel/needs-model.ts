import type { Need } from '../../../contracts/counsel.contract';

// The needs register: its order and the form to raise a need. Pure, so it is tested beside it.

export const NEED_LIMITS = { what: 200, forWhom: 200, whyNow: 2000 } as const;

export interface NeedFormValues {
  what: string;
  forWhom: string;
  whyNow: string;
}

export const emptyNeed = (): NeedFormValues => ({ what: '', forWhom: '', whyNow: '' });

/** Every field is needed; the problem per field, empty when the need may be raised. */
export function checkNeed(values: NeedFormValues): Partial<Record<keyof NeedFormValues, 'required' | 'too_big'>> {
  const problems: Partial<Record<keyof NeedFormValues, 'required' | 'too_big'>> = {};
  for (const field of ['what', 'forWhom', 'whyNow'] as const) {
    const value = values[field].trim();
    if (!value) problems[field] = 'required';
    else if (value.length > NEED_LIMITS[field]) problems[field] = 'too_big';
  }
  return problems;
}

export const needBody = (values: NeedFormValues): NeedFormValues => ({
  what: values.what.trim(),
  forWhom: values.forWhom.trim(),
  whyNow: values.whyNow.trim(),
});

/**
 * Recognised needs first, then by support; otherwise as the server listed them (newest first). The
 * server sends them in this order: kept here too, so a need that was just supported moves at once.
 */
export function sortNeeds(needs: readonly Need[]): Need[] {
  return needs
    .map((need, at) => ({ need, at }))
    .sort(
      (a, b) =>
        Number(b.need.recognised) - Number(a.need.recognised) || b.need.supporters - a.need.supporters || a.at - b.at,
    )
    .map(({ need }) => need);
}
