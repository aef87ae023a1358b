// Measures what the sign-in page loads: the entry chunk of index.html, its CSS and every chunk it
// imports statically (lazy chunks are loaded later, on other pages). Sizes are gzip level 9.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The sign-in page's budget for JavaScript and CSS together, gzip'd (issue 2). */
export const SIGN_IN_BUDGET_BYTES = 300 * 1024;

/** @param {string} webDist @returns {{ files: { file: string, bytes: number, gzip: number }[], totalGzip: number }} */
export function measureSignInBundle(webDist) {
  const manifestFile = path.join(webDist, '.vite', 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const entry = manifest['index.html'];
  if (!entry) throw new Error(`no index.html entry in ${manifestFile}`);
  const seen = new Set();
  const files = [];
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) return;
    for (const f of [chunk.file, ...(chunk.css ?? [])]) {
      if (seen.has(f)) continue;
      seen.add(f);
      const content = fs.readFileSync(path.join(webDist, f));
      files.push({
        file: f,
        bytes: content.length,
        gzip: zlib.gzipSync(content, { level: 9 }).length,
      });
    }
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}
