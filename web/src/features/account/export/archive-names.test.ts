import { describe, expect, it } from 'vitest';
import { createNameRegistry, safeFileName, splitExtension } from './archive-names';

describe('safe names inside the export archive', () => {
  it('keeps ordinary and non-ASCII names as they are (NFC)', () => {
    expect(safeFileName('Carta identità.pdf')).toBe('Carta identità.pdf');
    expect(safeFileName('Carta identita\u0300.pdf')).toBe('Carta identità.pdf');
    expect(safeFileName('日本語 😀.png')).toBe('日本語 😀.png');
  });

  it('replaces separators, characters Windows refuses and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a\\b:c*d?e"f<g>h|i.txt')).toBe('a_b_c_d_e_f_g_h_i.txt');
    expect(safeFileName('line\nbreak\ttab\u0000.txt')).toBe('line_break_tab_.txt');
    expect(safeFileName('lone \ud800 half.txt')).toBe('lone _ half.txt');
  });

  it('trims dots and spaces, avoids reserved and empty names', () => {
    expect(safeFileName('  name.pdf. ')).toBe('name.pdf');
    expect(safeFileName('...')).toBe('document');
    expect(safeFileName('', 'receipt')).toBe('receipt');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it('cuts long names to 120 characters, keeping the extension and whole emoji', () => {
    const long = safeFileName(`${'😀'.repeat(200)}.pdf`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('😀.pdf')).toBe(true);
  });

  it('splits extensions', () => {
    expect(splitExtension('a.tar.gz')).toEqual({ stem: 'a.tar', extension: '.gz' });
    expect(splitExtension('.profile')).toEqual({ stem: '.profile', extension: '' });
    expect(splitExtension('no extension')).toEqual({ stem: 'no extension', extension: '' });
  });

  it('makes names unique within a folder, ignoring case', () => {
    const unique = createNameRegistry();
    expect(unique('scan.pdf')).toBe('scan.pdf');
    expect(unique('Scan.PDF')).toBe('Scan (2).PDF');
    expect(unique('scan.pdf')).toBe('scan (3).pdf');
    expect(unique('scan (2).pdf')).toBe('scan (2) (2).pdf');
    expect(unique('README')).toBe('README');
    expect(unique('readme')).toBe('readme (2)');
  });
});
