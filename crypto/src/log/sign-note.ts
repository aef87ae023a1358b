import { concatBytes } from '../lib/bytes.js';
import { sodium } from '../sodium.js';
import { toBase64 } from './base64.js';
import { isNoteSafe, isValidKeyName, utf8 } from './note-text.js';
import { noteKeyId } from './note-key-id.js';
import type { NoteSigner } from './signer-key.js';

/**
 * Signs `text` as a C2SP signed note: the text, a blank line, then one signature line per signer,
 * `— <key name> <base64(4-byte big-endian key ID ‖ 64-byte Ed25519 signature of the text)>`.
 * The text is signed as its UTF-8 bytes, final newline included, blank line excluded.
 *
 * Throws `TypeError` (the caller's own data is wrong) unless the text is non-empty, ends in a
 * newline and is note-safe (valid UTF-8, no control characters but newline), and there is at
 * least one signer, each with a valid name, a key ID matching its key, and no two alike.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (typeof text !== 'string' || !text.endsWith('\n') || !isNoteSafe(text)) {
    throw new TypeError('note text must end in a newline and hold no control characters');
  }
  if (signers.length === 0) throw new TypeError('a note needs at least one signer');
  const message = utf8(text);
  const seen = new Set<string>();
  const lines = signers.map((signer) => {
    const id = `${signer.name}\n${signer.keyId}`;
    if (!isValidKeyName(signer.name)) throw new TypeError('invalid signer name');
    if (seen.has(id)) throw new TypeError('the same key twice');
    seen.add(id);
    return signatureLine(signer, message);
  });
  return `${text}\n${lines.join('')}`;
}

function signatureLine(signer: NoteSigner, message: Uint8Array): string {
  const s = sodium();
  const pair = s.crypto_sign_seed_keypair(signer.seed);
  try {
    const matches = pair.publicKey.every((b, i) => b === signer.publicKey[i]);
    if (!matches || noteKeyId(signer.name, signer.publicKey) !== signer.keyId) {
      throw new TypeError('signer public key or key ID does not match its seed and name');
    }
    const keyId = new Uint8Array(4);
    new DataView(keyId.buffer).setUint32(0, signer.keyId);
    const signature = s.crypto_sign_detached(message, pair.privateKey);
    return `— ${signer.name} ${toBase64(concatBytes(keyId, signature))}\n`;
  } finally {
    s.memzero(pair.privateKey);
  }
}
