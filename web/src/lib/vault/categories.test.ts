import { describe, expect, it } from 'vitest';
import { messagesEn } from '../messages.en';
import { messagesIt } from '../messages.it';
import { CATEGORIES, categoryMessageKey, isCategory } from './categories';

describe('document categories', () => {
  it('are the ten of the taxonomy, each once', () => {
    expect(CATEGORIES).toHaveLength(10);
    expect(new Set(CATEGORIES).size).toBe(10);
  });

  it('every category has a name in English and Italian, and the two differ where expected', () => {
    for (const category of CATEGORIES) {
      const key = categoryMessageKey(category);
      expect(messagesEn[key], category).toMatch(/\S/);
      expect(messagesIt[key], category).toMatch(/\S/);
    }
    expect(messagesIt[categoryMessageKey('tax')]).not.toBe(messagesEn[categoryMessageKey('tax')]);
  });

  it('recognises only taxonomy values', () => {
    expect(isCategory('tax')).toBe(true);
    expect(isCategory('Tax')).toBe(false);
    expect(isCategory('toString')).toBe(false);
  });
});
