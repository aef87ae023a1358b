import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENTS } from '../../server/src/modules/local-eid/demo-residents.js';
import {
  LOGIN_PAGE_TEXT,
  renderLoginPage,
} from '../../server/src/modules/local-eid/render-login-page.js';

/**
 * Every string a resident can see exists in English and in Italian (issue 6). The web app's own
 * messages are checked in web/src/lib/i18n.test.ts; this file checks what lies outside them: no
 * text written into the components instead of a message, the page the browser shows before the
 * app runs, and the local eID stand-in's server-rendered page.
 */

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every .tsx file of the web app (tests aside). */
function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(file);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [file] : [];
  });
}

/** Attributes that a browser shows or reads aloud. */
const VISIBLE_ATTRIBUTES = new Set([
  'alt',
  'title',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
]);

/** A letter: text with none (punctuation, "(", "·") needs no translation. */
const HAS_LETTER = /\p{L}/u;

/** JSX text and visible attributes written as literals, as `file:line: text`. */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(root, file)}:${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal =
        value && ts.isStringLiteral(value)
          ? value
          : value &&
              ts.isJsxExpression(value) &&
              value.expression &&
              ts.isStringLiteralLike(value.expression)
            ? value.expression
            : undefined;
      if (literal && HAS_LETTER.test(literal.text)) report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('strings outside the message catalogues', () => {
  it('no component writes visible text itself: it all comes from messages.en.ts and messages.it.ts', () => {
    const files = tsxFiles(path.join(root, 'web', 'src'));
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(literalTexts)).toEqual([]);
  });

  it('the scan finds text written into a component (the check above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-literal-'));
    const file = path.join(dir, 'probe.tsx');
    fs.writeFileSync(
      file,
      'export const A = () => <p title="Help">Hello <b aria-label={"Bold"}>·</b> {x}</p>;\n',
    );
    try {
      expect(literalTexts(file).map((f) => f.replace(/^.*?: /, ''))).toEqual([
        'Help',
        'Hello',
        'Bold',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the page shown without JavaScript says so in English and in Italian', () => {
    const html = fs.readFileSync(path.join(root, 'web', 'index.html'), 'utf8');
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(html)?.[1] ?? '';
    const parts = [...noscript.matchAll(/<p lang="(\w+)">([^<]+)<\/p>/g)].map((m) => ({
      lang: m[1],
      text: m[2]?.trim(),
    }));
    expect(parts.map((p) => p.lang)).toEqual(['en', 'it']);
    expect(parts.every((p) => p.text)).toBe(true);
    expect(parts[0]?.text).not.toBe(parts[1]?.text);
    // Nothing outside the two paragraphs.
    expect(noscript.replace(/<p lang="\w+">[^<]+<\/p>/g, '').trim()).toBe('');
  });

  it("the local eID stand-in's page has every text in both languages, and no English in Italian", () => {
    const { en, it: itText } = LOGIN_PAGE_TEXT;
    expect(Object.keys(itText).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(itText[key].trim(), key).not.toBe('');
      expect(itText[key], key).not.toBe(en[key]);
    }
    const italianPage = renderLoginPage({ uid: 'x', residents: DEMO_RESIDENTS, lang: 'it' });
    expect(italianPage).toContain('<html lang="it">');
    for (const text of Object.values(en)) expect(italianPage).not.toContain(text);
    const englishPage = renderLoginPage({ uid: 'x', residents: DEMO_RESIDENTS, lang: 'en' });
    expect(englishPage).toContain('<html lang="en">');
    for (const text of Object.values(itText)) expect(englishPage).not.toContain(text);
  });
});
