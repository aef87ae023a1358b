import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureSignInBundle, SIGN_IN_BUDGET_BYTES } from '../../scripts/bundle-size.mjs';

const webDist = path.resolve(import.meta.dirname, '..', '..', 'dist', 'web');

describe('sign-in page bundle budget', () => {
  it('loads at most 300 KB of gzip’d JavaScript and CSS, without libsodium', () => {
    if (!fs.existsSync(path.join(webDist, '.vite', 'manifest.json'))) {
      throw new Error('The web app is not built: run `npm run build` first.');
    }
    const { files, totalGzip } = measureSignInBundle(webDist);
    expect(files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(totalGzip).toBeLessThanOrEqual(SIGN_IN_BUDGET_BYTES);
    for (const f of files) {
      const text = fs.readFileSync(path.join(webDist, f.file), 'utf8');
      expect(text, `${f.file} must not carry libsodium`).not.toMatch(/libsodium/i);
    }
  });

  it('ships no inline script in index.html (the CSP forbids it)', () => {
    const html = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
