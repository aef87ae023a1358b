import { describe, expect, it } from 'vitest';
import { messagesEn, type MessageKey } from './messages.en';
import { messagesIt } from './messages.it';
import { createTranslate, detectLang } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Messages that are rightly the same in both languages, each with the reason. Anything else that
 * reads the same in Italian as in English was left untranslated.
 */
const SAME_IN_BOTH: Partial<Record<MessageKey, string>> = {
  'app.name': 'the product name',
  'app.pageTitle': 'a placeholder and the product name',
  'lang.en': 'each language is named in itself, so a reader finds their own',
  'lang.it': 'each language is named in itself, so a reader finds their own',
  'common.eid': 'the acronym is the same in Italian',
  'nav.account': 'Italian says "account" too',
  'passkeys.backup': 'Italian says "backup" too',
  'sessions.methodPasskey': 'Italian says "passkey" too (the term platforms use)',
  'slots.kindPasskey': 'Italian says "passkey" too (the term platforms use)',
  'upload.fileLabel': 'Italian says "file" too',
  'transfer.percent': 'placeholders and punctuation only',
  'accessLog.other.generic': 'placeholders and punctuation only',
  'accessLog.other.genericDocument': 'placeholders and punctuation only',
};

/** Frequent words of one language that the other never uses: a sign of a half-translated text. */
const ENGLISH_WORDS =
  /\b(the|and|your|you|with|this|that|is|are|was|of|to|from|will|can|not|has|have|please)\b/i;
const ITALIAN_WORDS =
  /\b(il|lo|gli|della|delle|che|non|sono|questo|questa|tuo|tuoi|tua|puoi|essere)\b/i;

/** The text a reader sees, without `{placeholders}` (their names are English on purpose). */
const prose = (text: string) => text.replace(/\{\w+\}/g, ' ');

describe('message catalogues', () => {
  it('Italian has exactly the English keys', () => {
    expect(Object.keys(messagesIt).sort()).toEqual(Object.keys(messagesEn).sort());
  });

  it('every message keeps the same placeholders and is not empty', () => {
    for (const [key, en] of Object.entries(messagesEn)) {
      const itText = messagesIt[key as keyof typeof messagesEn];
      expect(itText.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(itText), key).toEqual(placeholders(en));
    }
  });

  it('no Italian message is the English one left untranslated, except those listed with a reason', () => {
    const same = (Object.keys(messagesEn) as MessageKey[]).filter(
      (key) => messagesIt[key] === messagesEn[key],
    );
    expect(same.filter((key) => !(key in SAME_IN_BOTH))).toEqual([]);
    // A listed message that has since been translated is taken off the list.
    expect(Object.keys(SAME_IN_BOTH).filter((key) => !same.includes(key as MessageKey))).toEqual(
      [],
    );
  });

  it('no message mixes in words of the other language', () => {
    const mixed = (Object.keys(messagesEn) as MessageKey[]).flatMap((key) => [
      ...(ENGLISH_WORDS.test(prose(messagesIt[key])) ? [`it ${key}: ${messagesIt[key]}`] : []),
      ...(ITALIAN_WORDS.test(prose(messagesEn[key])) ? [`en ${key}: ${messagesEn[key]}`] : []),
    ]);
    expect(mixed).toEqual([]);
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
