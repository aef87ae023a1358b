import { CryptoError } from '../errors.js';
import { sodium } from '../sodium.js';
import { fromBase64 } from './base64.js';
import { fromUtf8, isNoteSafe, isValidKeyName, utf8 } from './note-text.js';
import type { NoteVerifier } from './verifier-key.js';

/**
 * The most signature lines a note may carry. C2SP signed-note: verifiers SHOULD apply a limit but
 * MUST accept at least 16.
 */
export const MAX_NOTE_SIGNATURES = 100;

/** Who signed: a signature line's key name and key ID. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
}

/** A note whose signatures have been checked. */
export interface OpenedNote {
  /** The signed text, final newline included. */
  readonly text: string;
  /** The trusted keys whose signature verified (at least one), each once. */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the caller did not pass (witnesses, a rotated key…): ignored, each once. */
  readonly unknown: readonly NoteSignature[];
}

interface SignatureLine extends NoteSignature {
  readonly signature: Uint8Array;
}

const EM_DASH_SPACE = '\u2014 ';
const ED25519_SIGNATURE_BYTES = 64;

/**
 * Opens a C2SP signed note: checks its format, then its signatures against `verifiers` (the keys
 * the caller trusts), and returns its text. Give bytes where you have them: a string decoded
 * without `fatal` would already have hidden invalid UTF-8.
 *
 * Rules (C2SP signed-note): valid UTF-8 with no control character but newline; the text is
 * everything up to and including the newline before the LAST blank line; after that blank line,
 * 1 to {@link MAX_NOTE_SIGNATURES} lines `— <key name> <base64>`, each newline-terminated, the
 * name valid, the base64 canonical and of at least 5 bytes (4-byte key ID, then the signature).
 * A signature whose (name, key ID) pair is not a verifier's is ignored. One that is must verify
 * (Ed25519 over the text's UTF-8 bytes), and at least one must.
 *
 * Throws {@link CryptoError}: `ERR_NOTE_MALFORMED` when the format is broken;
 * `ERR_NOTE_SIGNATURE_INVALID` when a signature by a trusted key fails (the whole note is
 * rejected, as the spec recommends); `ERR_NOTE_UNVERIFIED` when no trusted key signed it. Throws
 * `TypeError` if two verifiers share a name and key ID.
 */
export function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): OpenedNote {
  const malformed = (why: string) => new CryptoError('ERR_NOTE_MALFORMED', `signed note: ${why}`);
  const known = verifierMap(verifiers);

  const whole = typeof note === 'string' ? note : fromUtf8(note);
  if (whole === undefined) throw malformed('not valid UTF-8');
  if (!isNoteSafe(whole)) throw malformed('control character or invalid UTF-8');
  const split = whole.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw malformed('signatures must end in a newline');
  const rawLines = block.slice(0, -1).split('\n');
  if (rawLines.length > MAX_NOTE_SIGNATURES) throw malformed('too many signatures');
  const lines = rawLines.map((line) => readSignatureLine(line, malformed));

  const message = utf8(text);
  const verified = new Map<string, NoteSignature>();
  const unknown = new Map<string, NoteSignature>();
  for (const { name, keyId, signature } of lines) {
    const id = `${name}\n${keyId}`;
    const verifier = known.get(id);
    if (verifier === undefined) {
      unknown.set(id, { name, keyId });
      continue;
    }
    const ok =
      signature.length === ED25519_SIGNATURE_BYTES &&
      sodium().crypto_sign_verify_detached(signature, message, verifier.publicKey);
    if (!ok) {
      throw new CryptoError(
        'ERR_NOTE_SIGNATURE_INVALID',
        `signed note: the signature by ${name} does not verify`,
      );
    }
    verified.set(id, { name, keyId });
  }
  if (verified.size === 0) {
    throw new CryptoError('ERR_NOTE_UNVERIFIED', 'signed note: not signed by any trusted key');
  }
  return { text, verified: [...verified.values()], unknown: [...unknown.values()] };
}

function readSignatureLine(line: string, malformed: (why: string) => CryptoError): SignatureLine {
  if (!line.startsWith(EM_DASH_SPACE)) throw malformed('signature line does not start with "— "');
  const rest = line.slice(EM_DASH_SPACE.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed('signature line has no signature');
  const name = rest.slice(0, space);
  const bytes = fromBase64(rest.slice(space + 1));
  if (!isValidKeyName(name)) throw malformed('invalid key name in a signature line');
  if (bytes === undefined || bytes.length < 5) throw malformed('invalid signature encoding');
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return { name, keyId, signature: bytes.subarray(4) };
}

function verifierMap(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  const map = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = `${v.name}\n${v.keyId}`;
    if (map.has(id)) throw new TypeError(`two verifiers for ${v.name}+${v.keyId.toString(16)}`);
    map.set(id, v);
  }
  return map;
}
