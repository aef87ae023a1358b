import { describe, expect, it } from 'vitest';
import { messagesEn } from './messages.en';
import { messagesIt } from './messages.it';
import { createTranslate, detectLang } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('Italian has exactly the English keys', () => {
    expect(Object.keys(messagesIt).sort()).toEqual(Object.keys(messagesEn).sort());
  });

  it('every message keeps the same placeholders and is not empty', () => {
    for (const [key, en] of Object.entries(messagesEn)) {
      const itText = messagesIt[key as keyof typeof messagesEn];
      expect(itText.trim(), key).not.toBe('');
      expect(placeholders(itText), key).toEqual(placeholders(en));
    }
  });
});

describe('createTranslate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = createTranslate('en');
    expect(t('setup.welcome', { name: 'Ada' })).toBe('Welcome, Ada');
    expect(t('setup.welcome')).toBe('Welcome, {name}');
    expect(createTranslate('it')('signIn.withEid', { eidName: 'CIE' })).toBe('Accedi con CIE');
  });
});

describe('detectLang', () => {
  it('prefers the stored choice, then an Italian browser, then English', () => {
    expect(detectLang('en', 'it-IT')).toBe('en');
    expect(detectLang('it', 'en-GB')).toBe('it');
    expect(detectLang(null, 'it-IT')).toBe('it');
    expect(detectLang('fr', 'IT')).toBe('it');
    expect(detectLang(null, 'de-DE')).toBe('en');
    expect(detectLang(null, undefined)).toBe('en');
  });
});
