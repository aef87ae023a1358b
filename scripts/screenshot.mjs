// Takes the README's screenshot of the sign-in page from a running vault:
//   npm start   (in another terminal)   then   node scripts/screenshot.mjs [url] [file]
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://localhost:8080/sign-in';
const file = process.argv[3] ?? 'docs/screenshots/sign-in.png';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1000, height: 640 } });
await page.goto(url);
await page.getByTestId('eid-sign-in').waitFor();
await page.screenshot({ path: file });
await browser.close();
console.log(`wrote ${file}`);
