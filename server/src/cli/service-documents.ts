import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  createDocumentDecryptor,
  createDocumentEncryptor,
  decryptMetadata,
  encryptMetadata,
  fromBase64url,
  generateDocumentKey,
  isCryptoError,
  openDocumentKey,
  sealDocumentKey,
  toBase64url,
  type DocumentMetadata,
  type X25519PublicKey,
  type X25519SecretKey,
} from '../../../crypto/src/index.js';
import type { DocumentCategory, GrantedDocumentPrelude } from '../contracts/index.js';
import type { DepositPrelude } from '../contracts/service-api.js';

/**
 * The city-service tool's cryptography (DESIGN §4, §6), all of it through crypto/: opening a
 * granted document with the service's X25519 key pair, and encrypting a deposit for a resident.
 */

/** The service's X25519 key pair, as service-secret.json holds it. */
export interface ServiceSealingKeys {
  publicKey: X25519PublicKey;
  secretKey: X25519SecretKey;
}

/** Thrown when a granted document does not decrypt or its sizes do not add up. */
export class TamperedDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TamperedDocumentError';
  }
}

/**
 * A file name from a document's (untrusted) metadata that is safe to write into a folder: no
 * path separators or control characters, no leading dots, at most 200 characters; never empty.
 */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = Array.from(name)
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 || c === '\x7f' ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? fallback : cleaned;
}

/**
 * Decrypts a granted document into `folder`: unseals its key with the service's key pair, checks
 * the metadata and the stream (every chunk, through FINAL), and the sizes. The plaintext goes to a
 * hidden temporary file that is renamed to the (sanitised) decrypted name only once all of it
 * verified; on any failure it is removed, so a tampered document leaves nothing behind.
 * Returns the path written and the metadata.
 */
export async function writeGrantedDocument(
  prelude: GrantedDocumentPrelude,
  ciphertext: AsyncIterable<Uint8Array>,
  keys: ServiceSealingKeys,
  folder: string,
): Promise<{ file: string; metadata: DocumentMetadata }> {
  const ctx = {
    documentId: prelude.documentId,
    version: prelude.version,
    ownerId: prelude.ownerId,
  };
  let metadata: DocumentMetadata;
  let decryptor: ReturnType<typeof createDocumentDecryptor>;
  try {
    const dk = openDocumentKey(fromBase64url(prelude.wrappedKey), keys.publicKey, keys.secretKey);
    metadata = decryptMetadata(dk, ctx, fromBase64url(prelude.metadata));
    decryptor = createDocumentDecryptor(dk, ctx, fromBase64url(prelude.header), metadata.size);
  } catch {
    throw new TamperedDocumentError(`document ${prelude.documentId} does not decrypt`);
  }
  const partial = path.join(folder, `.partial-${randomUUID()}`);
  const out = fs.openSync(partial, 'wx', 0o600);
  let written = 0;
  let received = 0;
  try {
    try {
      for await (const piece of ciphertext) {
        received += piece.length;
        for (const plain of decryptor.push(piece)) {
          fs.writeSync(out, plain);
          written += plain.length;
        }
      }
      for (const plain of decryptor.finish()) {
        fs.writeSync(out, plain);
        written += plain.length;
      }
    } catch (error) {
      if (isCryptoError(error)) {
        throw new TamperedDocumentError(`document ${prelude.documentId} does not decrypt`);
      }
      throw error;
    }
    if (received !== prelude.size || written !== metadata.size) {
      throw new TamperedDocumentError(`document ${prelude.documentId} has the wrong size`);
    }
    fs.fsyncSync(out);
  } catch (error) {
    fs.closeSync(out);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.closeSync(out);
  const file = freeName(folder, safeFileName(metadata.name, prelude.documentId));
  fs.renameSync(partial, file);
  return { file, metadata };
}

/** `name` in `folder`, or `name (2)`, `name (3)`… if taken: never overwrite. */
function freeName(folder: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/**
 * Encrypts a file as a deposit for a resident (version 1 of `documentId`, owned by `ownerId`):
 * a fresh document key sealed to the resident's X25519 public key, the content as a secretstream,
 * the file name and type in the metadata. Returns the framed request body
 * (u32 n ‖ JSON prelude ‖ chunks).
 */
export function sealDeposit(input: {
  documentId: string;
  ownerId: string;
  residentKey: X25519PublicKey;
  nationalId: string;
  category: DocumentCategory;
  name: string;
  type: string;
  content: Uint8Array;
  issuer?: Record<string, string>;
}): Uint8Array {
  const ctx = { documentId: input.documentId, version: 1, ownerId: input.ownerId };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, input.content.length);
  const chunks = [...encryptor.push(input.content), ...encryptor.finish()];
  const metadata: DocumentMetadata = {
    name: input.name,
    type: input.type,
    size: input.content.length,
    ...(input.issuer ? { issuer: input.issuer } : {}),
  };
  const prelude: DepositPrelude = {
    nationalId: input.nationalId,
    category: input.category,
    chunkCount: chunks.length,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, input.residentKey)),
    metadata: toBase64url(encryptMetadata(dk, ctx, metadata)),
  };
  const json = new TextEncoder().encode(JSON.stringify(prelude));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length);
  return Buffer.concat([length, json, ...chunks]);
}
