import { describe, expect, it } from 'vitest';
import { type DraftStorage, readDraft, writeDraft } from './use-draft';

function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const EMPTY = { occasion: '', valueIds: [] as string[], keepOutOfFeed: false };

describe('the draft of a form', () => {
  it('gives back what was typed, under its own key only', () => {
    const storage = memory();
    writeDraft(storage, 'draft.lisa', { ...EMPTY, occasion: 'Gast verloor zijn sleutel' }, EMPTY);
    expect(readDraft(storage, 'draft.lisa', EMPTY).occasion).toBe('Gast verloor zijn sleutel');
    expect(readDraft(storage, 'draft.pieter', EMPTY)).toEqual(EMPTY);
  });

  it('is forgotten once the form is empty again or saved', () => {
    const storage = memory();
    writeDraft(storage, 'draft', { ...EMPTY, occasion: 'x' }, EMPTY);
    writeDraft(storage, 'draft', EMPTY, EMPTY);
    expect(storage.map.size).toBe(0);
    writeDraft(storage, 'draft', { ...EMPTY, occasion: 'x' }, EMPTY);
    writeDraft(storage, 'draft', null, EMPTY);
    expect(storage.map.size).toBe(0);
  });

  it('fills fields a stored draft lacks and lets the form repair what it holds', () => {
    const storage = memory();
    storage.setItem('draft', JSON.stringify({ occasion: 'oud', valueIds: 'kapot' }));
    const draft = readDraft(storage, 'draft', EMPTY, (d) => ({
      ...d,
      valueIds: Array.isArray(d.valueIds) ? d.valueIds : [],
    }));
    expect(draft).toEqual({ occasion: 'oud', valueIds: [], keepOutOfFeed: false });
  });

  it('opens the empty form on something unreadable, or without storage', () => {
    const storage = memory();
    storage.setItem('draft', '{not json');
    expect(readDraft(storage, 'draft', EMPTY)).toEqual(EMPTY);
    storage.setItem('draft', '[1,2]');
    expect(readDraft(storage, 'draft', EMPTY)).toEqual(EMPTY);
    expect(readDraft(null, 'draft', EMPTY)).toEqual(EMPTY);
    expect(() => writeDraft(null, 'draft', { ...EMPTY, occasion: 'x' }, EMPTY)).not.toThrow();
  });

  it('keeps typing going when the storage is full', () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => writeDraft(full, 'draft', { ...EMPTY, occasion: 'x' }, EMPTY)).not.toThrow();
  });
});
