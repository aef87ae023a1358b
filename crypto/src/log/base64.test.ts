/** The strict standard base64 of signed notes, checkpoints and keys, against Node's own codec. */
import { describe, expect, it } from 'vitest';
import { prng } from '../testing/test-helpers.js';
import { fromBase64, toBase64 } from './base64.js';

describe('toBase64 / fromBase64 (RFC 4648 §4, canonical only)', () => {
  it('agree with Node for every length 0–70 and random bytes', () => {
    const rand = prng(4648);
    for (let length = 0; length <= 70; length++) {
      for (let i = 0; i < 20; i++) {
        const bytes = Uint8Array.from({ length }, () => Math.floor(rand() * 256));
        const text = Buffer.from(bytes).toString('base64');
        expect(toBase64(bytes)).toBe(text);
        expect(fromBase64(text)).toEqual(bytes);
      }
    }
  });

  it('refuses every non-canonical or foreign text', () => {
    for (const bad of [
      'A',
      'AA',
      'AAA',
      'AA=',
      'AA==A',
      'AAA==',
      'A===',
      '====',
      'AB==', // non-zero trailing bits
      'AAB=', // non-zero trailing bits
      'AA-_',
      'AA A',
      'AAAA\n',
      ' AAAA',
      'AA=A',
    ]) {
      expect(fromBase64(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(fromBase64('')).toEqual(new Uint8Array(0));
    expect(fromBase64('AA==')).toEqual(Uint8Array.of(0));
  });
});
