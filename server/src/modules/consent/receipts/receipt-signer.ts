import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { CompactSign } from 'jose';
import { createSecretFileOnce } from '../../../lib/durable-files.js';
import { canonicalJson } from '../../../../../crypto/src/encoding/canonical-json.js';
import {
  DELETION_RECEIPT_TYP,
  type AccountDeletionReceiptPayload,
} from '../../../contracts/account.js';
import {
  CONSENT_COUNTERSIGNATURE_TYP,
  type ConsentCountersignaturePayload,
} from '../../../contracts/consent.js';

/** The vault's consent-receipt key: countersigns receipts; its public JWK is served with them. */
export interface ReceiptSigner {
  /** Public OKP JWK (Ed25519) with `kid` (RFC 7638 thumbprint), `alg` and `use`. */
  publicJwk: Record<string, string>;
  /** The countersignature (compact JWS, EdDSA) over `receipt`, for consent `consentId`. */
  countersign(receipt: string, consentId: string, at: Date): Promise<string>;
  /**
   * A deletion receipt (compact JWS, EdDSA, `typ: account-deletion-receipt+jwt`) over `payload`:
   * the vault's signed word that it deleted a resident's account (GDPR Art. 17, issue 6). Its own
   * `typ`, so that it can never pass for a consent countersignature.
   */
  signDeletionReceipt(payload: AccountDeletionReceiptPayload): Promise<string>;
}

/**
 * Loads the vault's Ed25519 receipt key (PKCS#8 PEM) from `file`, or makes one on first start:
 * written to a temporary file with mode 0600, fsynced, then linked into place if there is still no
 * key, as the log key is: vault nodes starting at once on a shared volume all load the same key.
 * It is its own key (DESIGN §5: the log key is separate from every other key), so that a receipt
 * countersignature can never be passed off as a checkpoint, nor the other way round.
 */
export function loadOrCreateReceiptSigner(
  file: string,
  vault: string,
): { signer: ReceiptSigner; created: boolean } {
  let created = false;
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    created = createSecretFileOnce(
      file,
      privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    );
  }
  const privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `the receipt key in ${file} is not an Ed25519 key (${privateKey.asymmetricKeyType}). ` +
        'Point VAULT_RECEIPT_SIGNER_KEY_FILE at the right key.',
    );
  }
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error(`the receipt key in ${file} has no public half`);
  const kid = jwkThumbprint(x);
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
  const encoder = new TextEncoder();
  return {
    created,
    signer: {
      publicJwk,
      countersign(receipt, consentId, at) {
        const payload: ConsentCountersignaturePayload = {
          receiptSha256: receiptSha256(receipt),
          consentId,
          countersignedAt: at.toISOString(),
          vault,
        };
        return new CompactSign(encoder.encode(canonicalJson(payload)))
          .setProtectedHeader({ alg: 'EdDSA', typ: CONSENT_COUNTERSIGNATURE_TYP, kid })
          .sign(privateKey);
      },
      signDeletionReceipt(payload) {
        return new CompactSign(encoder.encode(canonicalJson(payload)))
          .setProtectedHeader({ alg: 'EdDSA', typ: DELETION_RECEIPT_TYP, kid })
          .sign(privateKey);
      },
    },
  };
}

/** Base64url SHA-256 of a receipt's compact JWS text: what the countersignature names. */
export function receiptSha256(receipt: string): string {
  return createHash('sha256').update(receipt, 'ascii').digest('base64url');
}

/** RFC 7638 §3.2: the thumbprint of an OKP key is over `{"crv","kty","x"}` in that order. */
function jwkThumbprint(x: string): string {
  const members = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  return createHash('sha256').update(members, 'utf8').digest('base64url');
}
