import fs from 'node:fs';
import { formatVerifierKey } from '../../../../crypto/src/log/verifier-key.js';
import { generateNoteKey } from '../../../../crypto/src/log/generate-note-key.js';
import { parseSignerKey, type NoteSigner } from '../../../../crypto/src/log/signer-key.js';
import { createSecretFileOnce } from '../../lib/durable-files.js';

/** The log's signing key, and its public verifier key (C2SP signed-note). */
export interface LogKey {
  signer: NoteSigner;
  verifierKey: string;
}

/**
 * Loads the log's Ed25519 signer key (C2SP `PRIVATE+KEY+<name>+<id>+<key>`) from `file`, or makes
 * one on first start: written to a temporary file with mode 0600, fsynced, then linked into place
 * if there is still no key (`createSecretFileOnce`), so a crash never leaves half a key and of
 * several vault nodes starting at once on a shared volume, all load the one key that won. The key is the log's alone (DESIGN §5: separate from every
 * other key) and its name must be the log's origin; a key of another name is refused rather than
 * silently replaced — a new key would make every resident's browser raise the alarm.
 */
export function loadOrCreateLogKey(
  file: string,
  origin: string,
): { key: LogKey; created: boolean } {
  const created =
    !fs.existsSync(file) && createSecretFileOnce(file, `${generateNoteKey(origin).signerKey}\n`);
  const signer = parseSignerKey(fs.readFileSync(file, 'utf8').trim());
  if (signer.name !== origin) {
    throw new Error(
      `the access log's key in ${file} is named "${signer.name}", but the log's origin is ` +
        `"${origin}" (VAULT_LOG_ORIGIN). Set VAULT_LOG_ORIGIN to the key's name, or point ` +
        'VAULT_LOG_SIGNER_KEY_FILE at the right key.',
    );
  }
  return { key: { signer, verifierKey: formatVerifierKey(signer) }, created };
}
