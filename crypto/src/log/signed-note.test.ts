/**
 * C2SP signed notes with Ed25519: the examples of the spec itself (read from
 * `../shared/reference/c2sp/signed-note.md` and `tlog-checkpoint.md` at test time), then round
 * trips and every format rule the spec states.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { expectCode } from '../testing/test-helpers.js';
import { toBase64 } from './base64.js';
import { generateNoteKey } from './generate-note-key.js';
import { noteKeyId } from './note-key-id.js';
import { MAX_NOTE_SIGNATURES, openNote } from './open-note.js';
import { signNote } from './sign-note.js';
import { type NoteSigner, parseSignerKey } from './signer-key.js';
import { type NoteVerifier, parseVerifierKey } from './verifier-key.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const specDir = path.resolve(repoRoot, '..', 'shared', 'reference', 'c2sp');
const signedNoteSpec = await readFile(path.join(specDir, 'signed-note.md'), 'utf8');
const checkpointSpec = await readFile(path.join(specDir, 'tlog-checkpoint.md'), 'utf8');

/** The fenced blocks of a Markdown file, in order. */
const fences = (markdown: string) =>
  [...markdown.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** signed-note.md, "Verifier keys" → "Example": the verifier key and the note it verifies. */
const example = (() => {
  const section = signedNoteSpec.slice(signedNoteSpec.indexOf('### Example'));
  const vkey = /^ {4}(\S+\+[0-9a-f]{8}\+\S+)$/m.exec(section)?.[1];
  const note = fences(section)[0];
  if (vkey === undefined || note === undefined) throw new Error('example not found in the spec');
  return { vkey, note };
})();

let log: NoteSigner;
let witness: NoteSigner;

beforeAll(async () => {
  await sodiumReady();
  log = parseSignerKey(generateNoteKey('vault.example.org/log').signerKey);
  witness = parseSignerKey(generateNoteKey('witness.example.net').signerKey);
});

describe('the example of C2SP signed-note (read from the spec)', () => {
  it('is the note and key the spec prints', () => {
    expect(example.vkey).toBe(
      'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    );
    expect(example.note.startsWith('This is an example message.\n\n— example.com/foo ')).toBe(true);
  });

  it('verifies with its published verifier key', () => {
    const verifier = parseVerifierKey(example.vkey);
    expect(verifier.keyId).toBe(0x530d903a);
    expect(noteKeyId(verifier.name, verifier.publicKey)).toBe(0x530d903a);
    const opened = openNote(example.note, [verifier]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified).toEqual([{ name: 'example.com/foo', keyId: 0x530d903a }]);
    expect(opened.unknown).toEqual([]);
  });

  it('verifies from bytes as well as from a string', () => {
    const bytes = new TextEncoder().encode(example.note);
    expect(openNote(bytes, [parseVerifierKey(example.vkey)]).text).toBe(
      'This is an example message.\n',
    );
  });

  it('does not verify with a changed body', () => {
    const verifier = parseVerifierKey(example.vkey);
    for (const changed of [
      example.note.replace('example message.', 'example message!'),
      example.note.replace('This', 'this'),
      `Extra line.\n${example.note}`,
      example.note.replace('message.\n', 'message.\n\n'),
    ]) {
      expectCode(() => openNote(changed, [verifier]), 'ERR_NOTE_SIGNATURE_INVALID');
    }
  });

  it('does not verify when the signature line names another key (name or key ID changed)', () => {
    const verifier = parseVerifierKey(example.vkey);
    // Another name: the signature is by an unknown key, ignored; no trusted signature remains.
    const renamed = example.note.replace('— example.com/foo ', '— example.com/bar ');
    expectCode(() => openNote(renamed, [verifier]), 'ERR_NOTE_UNVERIFIED');
    // Another key ID: flip a bit of the first base64 character (the top bits of the key ID).
    const signature = /— example\.com\/foo (\S+)/.exec(example.note)![1]!;
    const otherId = (signature[0] === 'U' ? 'V' : 'U') + signature.slice(1);
    const reKeyed = example.note.replace(signature, otherId);
    expectCode(() => openNote(reKeyed, [verifier]), 'ERR_NOTE_UNVERIFIED');
  });

  it('does not verify with a verifier of another name or key', () => {
    const verifier = parseVerifierKey(example.vkey);
    const renamed: NoteVerifier = {
      name: 'example.com/bar',
      keyId: noteKeyId('example.com/bar', verifier.publicKey),
      publicKey: verifier.publicKey,
    };
    expectCode(() => openNote(example.note, [renamed]), 'ERR_NOTE_UNVERIFIED');
    // The same name and key ID with another public key: the signature is checked, and fails.
    const impostor: NoteVerifier = { ...verifier, publicKey: log.publicKey };
    expectCode(() => openNote(example.note, [impostor]), 'ERR_NOTE_SIGNATURE_INVALID');
  });

  it('rejects the published key with its name or key ID changed', () => {
    expectCode(
      () => parseVerifierKey(example.vkey.replace('example.com/foo', 'example.com/bar')),
      'ERR_NOTE_KEY_MALFORMED',
    );
    expectCode(
      () => parseVerifierKey(example.vkey.replace('530d903a', '530d903b')),
      'ERR_NOTE_KEY_MALFORMED',
    );
  });

  it('reads the other examples of the specs as well-formed notes by unknown keys', () => {
    const quasimodo = fences(signedNoteSpec)[0]!;
    const checkpoint = fences(checkpointSpec)[0]!;
    for (const note of [quasimodo, checkpoint]) {
      expectCode(() => openNote(note, [parseVerifierKey(example.vkey)]), 'ERR_NOTE_UNVERIFIED');
    }
  });
});

describe('signNote and openNote', () => {
  it('round-trip a text signed by the log, and by the log and a witness', () => {
    const text = 'vault.example.org/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const alone = signNote(text, [log]);
    expect(alone).toMatch(
      /^vault\.example\.org\/log\n42\n.*=\n\n— vault\.example\.org\/log \S+\n$/,
    );
    expect(openNote(alone, [log]).verified).toEqual([{ name: log.name, keyId: log.keyId }]);

    const both = signNote(text, [log, witness]);
    const opened = openNote(both, [log]);
    expect(opened.text).toBe(text);
    expect(opened.unknown).toEqual([{ name: witness.name, keyId: witness.keyId }]);
    expect(openNote(both, [witness, log]).verified).toHaveLength(2);
  });

  it('signs the exact text: blank lines inside and at the end, non-ASCII, a leading BOM', () => {
    for (const text of [
      '\n',
      'a\n\nb\n',
      'ends with blank lines\n\n\n',
      'looks like a signature\n\n— vault.example.org/log AAAAAAAA\n',
      'Ognuno sta solo sul cuor della terra — ed è subito sera 🌅\n',
      '\ufeffbom\n',
    ]) {
      const note = signNote(text, [log]);
      expect(openNote(note, [log]).text).toBe(text);
      expect(openNote(new TextEncoder().encode(note), [log]).text).toBe(text);
    }
  });

  it('ignores signatures by unknown keys and keeps each signer once', () => {
    const note = signNote('text\n', [log]);
    const sigLine = note.slice('text\n\n'.length);
    const withRepeats = note + sigLine + `— unknown.example ${toBase64(new Uint8Array(68))}\n`;
    const opened = openNote(withRepeats, [log]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unknown).toEqual([{ name: 'unknown.example', keyId: 0 }]);
  });

  it('accepts 16 signatures (the spec minimum) and up to MAX_NOTE_SIGNATURES, not one more', () => {
    expect(MAX_NOTE_SIGNATURES).toBeGreaterThanOrEqual(16);
    const note = signNote('text\n', [log]);
    const other = (i: number) => `— other${i}.example ${toBase64(new Uint8Array(68).fill(i))}\n`;
    const upTo = (n: number) => note + Array.from({ length: n - 1 }, (_, i) => other(i)).join('');
    expect(openNote(upTo(16), [log]).unknown).toHaveLength(15);
    expect(openNote(upTo(MAX_NOTE_SIGNATURES), [log]).unknown).toHaveLength(
      MAX_NOTE_SIGNATURES - 1,
    );
    expectCode(() => openNote(upTo(MAX_NOTE_SIGNATURES + 1), [log]), 'ERR_NOTE_MALFORMED');
  });

  it('rejects the whole note when any trusted signature fails, even if another verifies', () => {
    const note = signNote('text\n', [log, witness]);
    const forged = signNote('other text\n', [witness]).split('\n\n')[1]!;
    const tampered = note.replace(/— witness\.example\.net .*\n/, forged);
    expect(openNote(tampered, [log]).verified).toHaveLength(1); // the witness is not trusted here
    expectCode(() => openNote(tampered, [log, witness]), 'ERR_NOTE_SIGNATURE_INVALID');
  });

  it('treats a trusted key signature of the wrong length as invalid, not as malformed', () => {
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, log.keyId);
    const short = `text\n\n— ${log.name} ${toBase64(Uint8Array.of(...id, 1, 2, 3))}\n`;
    expectCode(() => openNote(short, [log]), 'ERR_NOTE_SIGNATURE_INVALID');
  });

  it('is unverified without any trusted key', () => {
    expectCode(() => openNote(signNote('text\n', [witness]), [log]), 'ERR_NOTE_UNVERIFIED');
    expectCode(() => openNote(signNote('text\n', [witness]), []), 'ERR_NOTE_UNVERIFIED');
  });

  it('refuses malformed notes (ERR_NOTE_MALFORMED)', () => {
    const good = signNote('text\n', [log]);
    const sig = good.slice('text\n\n— vault.example.org/log '.length, -1);
    const cases: Record<string, string | Uint8Array> = {
      'no blank line': good.replace('\n\n', '\n'),
      'no signature after the blank line': 'text\n\n',
      'no final newline': good.slice(0, -1),
      'a blank line after the signatures': `${good}\n`,
      'an ASCII dash instead of an em dash': good.replace('—', '-'),
      'two spaces after the dash': good.replace('— ', '—  '),
      'no space after the dash': good.replace('— ', '—'),
      'no signature after the name': `text\n\n— ${log.name}\n`,
      'an empty key name': `text\n\n—  ${sig}\n`,
      'a plus in the key name': good.replace('vault.example.org/log ', 'vault+example.org/log '),
      'a no-break space in the key name': good.replace('vault.example', 'vault\u00a0example'),
      'a trailing space': good.replace(/\n$/, ' \n'),
      'base64 without padding': good.replace(/=+\n$/, '\n'),
      'a base64url character': `text\n\n— ${log.name} -${sig.slice(1)}\n`,
      'a signature of 4 bytes': `text\n\n— ${log.name} ${toBase64(new Uint8Array(4))}\n`,
      'a carriage return': good.replace('text\n', 'text\r\n'),
      'a tab in the text': good.replace('text', 'te\txt'),
      'a NUL': good.replace('text', 'te\u0000xt'),
      'a lone surrogate': good.replace('text', 'te\ud800xt'),
      'invalid UTF-8 bytes': Uint8Array.of(
        0x74,
        0xff,
        0x0a,
        ...new TextEncoder().encode(good.slice(4)),
      ),
    };
    expect(sig.endsWith('=')).toBe(true); // 68 bytes: one padding character to remove above
    for (const [what, note] of Object.entries(cases)) {
      let code: unknown;
      try {
        openNote(note, [log]);
      } catch (error) {
        code = (error as { code?: unknown }).code;
      }
      expect(code, what).toBe('ERR_NOTE_MALFORMED');
    }
  });

  it('refuses to sign bad text or with bad signers (TypeError)', () => {
    expect(() => signNote('no newline', [log])).toThrow(TypeError);
    expect(() => signNote('', [log])).toThrow(TypeError);
    expect(() => signNote('a\rb\n', [log])).toThrow(TypeError);
    expect(() => signNote('text\n', [])).toThrow(TypeError);
    expect(() => signNote('text\n', [log, log])).toThrow(TypeError);
    expect(() => signNote('text\n', [{ ...log, keyId: log.keyId ^ 1 }])).toThrow(TypeError);
    expect(() => signNote('text\n', [{ ...log, publicKey: witness.publicKey }])).toThrow(TypeError);
    expect(() => openNote('text\n', [log, { ...log }])).toThrow(TypeError);
  });
});
