/** C2SP tlog-checkpoint: format, strict parse, and the signed checkpoint a log client opens. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { expectCode } from '../testing/test-helpers.js';
import { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { generateNoteKey } from './generate-note-key.js';
import type { Hash } from './hash.js';
import { emptyRoot } from './merkle-hash.js';
import { openCheckpoint } from './open-checkpoint.js';
import { signCheckpoint } from './sign-checkpoint.js';
import { signNote } from './sign-note.js';
import { type NoteSigner, parseSignerKey } from './signer-key.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const spec = await readFile(
  path.resolve(repoRoot, '..', 'shared', 'reference', 'c2sp', 'tlog-checkpoint.md'),
  'utf8',
);

const ORIGIN = 'vault.example.org/log';
let log: NoteSigner;
let root: Hash;

beforeAll(async () => {
  await sodiumReady();
  log = parseSignerKey(generateNoteKey(ORIGIN).signerKey);
  root = Uint8Array.from({ length: 32 }, (_, i) => i * 7) as Hash;
});

describe('the example of C2SP tlog-checkpoint (read from the spec)', () => {
  it('parses, and formats back to the same text', () => {
    const note = /^```\n([\s\S]*?)^```$/m.exec(spec)![1]!;
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    expect(text).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20_852_163);
    expect(checkpoint.rootHash).toHaveLength(32);
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });
});

describe('formatCheckpoint and parseCheckpoint', () => {
  it('round-trip, with and without extension lines, for the empty tree too', () => {
    const cases: Checkpoint[] = [
      { origin: ORIGIN, size: 0, rootHash: emptyRoot(), extensions: [] },
      { origin: ORIGIN, size: 1, rootHash: root, extensions: [] },
      { origin: ORIGIN, size: Number.MAX_SAFE_INTEGER, rootHash: root, extensions: [] },
      {
        origin: 'any origin: not a URL, spaces allowed',
        size: 5,
        rootHash: root,
        extensions: ['x', 'ext 2 — é'],
      },
    ];
    for (const checkpoint of cases) {
      const text = formatCheckpoint(checkpoint);
      expect(parseCheckpoint(text)).toEqual(checkpoint);
    }
    expect(formatCheckpoint(cases[0]!)).toBe(
      `${ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`,
    );
  });

  it('refuses every malformed text (ERR_CHECKPOINT_MALFORMED)', () => {
    const b64 = formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root, extensions: [] }).split(
      '\n',
    )[2]!;
    const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');
    const cases: Record<string, string> = {
      empty: '',
      'two lines': text(ORIGIN, '1'),
      'no final newline': text(ORIGIN, '1', b64).slice(0, -1),
      'an empty origin': text('', '1', b64),
      'a leading zero': text(ORIGIN, '01', b64),
      'two zeros': text(ORIGIN, '00', b64),
      'a plus sign': text(ORIGIN, '+1', b64),
      'a minus sign': text(ORIGIN, '-1', b64),
      'a space': text(ORIGIN, ' 1', b64),
      'a decimal point': text(ORIGIN, '1.0', b64),
      'an exponent': text(ORIGIN, '1e3', b64),
      hex: text(ORIGIN, '0x10', b64),
      'a size of 2^53': text(ORIGIN, '9007199254740992', b64),
      'a size of 2^64': text(ORIGIN, '18446744073709551616', b64),
      'a 31-byte root': text(ORIGIN, '1', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=='),
      'a 33-byte root': text(ORIGIN, '1', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      'an unpadded root': text(ORIGIN, '1', b64.replace('=', '')),
      'a base64url root': text(ORIGIN, '1', '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU='),
      'non-zero trailing bits': text(ORIGIN, '1', '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV='),
      'an empty extension line': text(ORIGIN, '1', b64, ''),
      'a blank line between extensions': text(ORIGIN, '1', b64, 'a', '', 'b'),
      'CRLF line ends': `${ORIGIN}\r\n1\r\n${b64}\r\n`,
      'a tab': text(`${ORIGIN}\t`, '1', b64),
    };
    for (const [what, bad] of Object.entries(cases)) {
      let code: unknown;
      try {
        parseCheckpoint(bad);
      } catch (error) {
        code = (error as { code?: unknown }).code;
      }
      expect(code, what).toBe('ERR_CHECKPOINT_MALFORMED');
    }
  });

  it('refuses to format what it could not parse back (TypeError)', () => {
    const good: Checkpoint = { origin: ORIGIN, size: 1, rootHash: root, extensions: [] };
    for (const bad of [
      { ...good, origin: '' },
      { ...good, origin: 'a\nb' },
      { ...good, origin: 'a\rb' },
      { ...good, size: -1 },
      { ...good, size: 1.5 },
      { ...good, size: 2 ** 53 },
      { ...good, rootHash: new Uint8Array(31) as Hash },
      { ...good, extensions: [''] },
      { ...good, extensions: ['a\nb'] },
    ]) {
      expect(() => formatCheckpoint(bad)).toThrow(TypeError);
    }
  });
});

describe('signCheckpoint and openCheckpoint', () => {
  it('round-trip a checkpoint signed by the log, with a witness cosignature ignored', () => {
    const checkpoint: Checkpoint = { origin: ORIGIN, size: 42, rootHash: root, extensions: [] };
    const note = signCheckpoint(checkpoint, log);
    const opened = openCheckpoint(note, { origin: ORIGIN, verifiers: [log] });
    expect({ ...opened, signatures: undefined }).toEqual({ ...checkpoint, signatures: undefined });
    expect(opened.signatures.verified).toEqual([{ name: ORIGIN, keyId: log.keyId }]);

    const witness = parseSignerKey(generateNoteKey('witness.example.net').signerKey);
    const cosigned = signNote(formatCheckpoint(checkpoint), [log, witness]);
    const again = openCheckpoint(cosigned, { origin: ORIGIN, verifiers: [log] });
    expect(again.size).toBe(42);
    expect(again.signatures.unknown).toEqual([{ name: witness.name, keyId: witness.keyId }]);
  });

  it('refuses a checkpoint of another log, even signed by a trusted key', () => {
    const other = parseSignerKey(generateNoteKey('other.example.org/log').signerKey);
    const note = signCheckpoint(
      { origin: other.name, size: 1, rootHash: root, extensions: [] },
      other,
    );
    expectCode(
      () => openCheckpoint(note, { origin: ORIGIN, verifiers: [log, other] }),
      'ERR_CHECKPOINT_WRONG_ORIGIN',
    );
  });

  it('refuses a signed text that is not a checkpoint, and an unsigned one', () => {
    expectCode(
      () => openCheckpoint(signNote('hello\n', [log]), { origin: ORIGIN, verifiers: [log] }),
      'ERR_CHECKPOINT_MALFORMED',
    );
    const witness = parseSignerKey(generateNoteKey('witness.example.net').signerKey);
    const byWitness = signNote(
      formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root, extensions: [] }),
      [witness],
    );
    expectCode(
      () => openCheckpoint(byWitness, { origin: ORIGIN, verifiers: [log] }),
      'ERR_NOTE_UNVERIFIED',
    );
  });

  it('signs only with a key named after the origin (TypeError)', () => {
    const checkpoint: Checkpoint = {
      origin: 'other.example',
      size: 1,
      rootHash: root,
      extensions: [],
    };
    expect(() => signCheckpoint(checkpoint, log)).toThrow(TypeError);
  });
});
