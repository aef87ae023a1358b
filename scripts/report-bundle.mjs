// Prints the sign-in page's JavaScript + CSS size after `vite build`, and fails past the budget.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSignInBundle, SIGN_IN_BUDGET_BYTES } from './bundle-size.mjs';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const { files, totalGzip } = measureSignInBundle(webDist);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('Sign-in page JavaScript and CSS (gzip -9):');
for (const f of files)
  console.log(
    `  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`,
  );
console.log(`  total ${kb(totalGzip)} gzip of a ${kb(SIGN_IN_BUDGET_BYTES)} budget`);
if (totalGzip > SIGN_IN_BUDGET_BYTES) {
  console.error(`The sign-in page is over its budget by ${kb(totalGzip - SIGN_IN_BUDGET_BYTES)}.`);
  process.exit(1);
}
