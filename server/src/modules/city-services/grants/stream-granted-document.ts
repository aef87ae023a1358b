import type { Response } from 'express';
import type { Logger } from 'pino';
import type { GrantedDocumentPrelude } from '../../../contracts/index.js';
import { streamChunks } from '../../../http/stream-chunks.js';
import type { VaultStorage } from '../../../storage/index.js';
import { encodeBase64url as b64url } from '../../../http/base64url.js';
import type { ReleasedDocument } from './release-granted-document.js';

/** Chunks read from storage at a time: about 1 MiB, whatever the size of the document. */
export const GRANTED_BATCH_CHUNKS = 16;

/** The prelude of a granted read: what the service decrypts with (contracts: GrantedDocumentPrelude). */
export function grantedDocumentPrelude(released: ReleasedDocument): GrantedDocumentPrelude {
  const { grant, document, version, wrappedKey } = released;
  return {
    grantId: grant.id,
    documentId: document.id,
    ownerId: document.ownerId,
    version: version.version,
    category: document.category,
    size: version.size,
    chunkCount: version.chunkCount,
    header: b64url(version.header),
    wrappedKey: b64url(wrappedKey),
    metadata: b64url(version.metadata),
  };
}

/**
 * Writes a released document as `application/octet-stream`: u32 big-endian n ‖ n bytes of the
 * JSON prelude ‖ the chunk ciphertexts, with its exact Content-Length, in bounded batches
 * (`http/stream-chunks.ts`): memory per read is one batch.
 */
export async function streamGrantedDocument(
  res: Response,
  storage: Pick<VaultStorage, 'readChunks'>,
  logger: Logger,
  released: ReleasedDocument,
): Promise<void> {
  const { document, version } = released;
  const prelude = Buffer.from(JSON.stringify(grantedDocumentPrelude(released)), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(prelude.length);
  res.status(200).set({
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(length.length + prelude.length + version.size),
    'Cache-Control': 'no-store',
  });

  const { outcome } = await streamChunks(res, {
    head: Buffer.concat([length, prelude]),
    chunkCount: version.chunkCount,
    batch: GRANTED_BATCH_CHUNKS,
    read: (from, count) =>
      storage.readChunks(document.ownerId, document.id, version.version, from, count),
  });
  // Deleted by the resident while it was being read: the promised length could not be kept.
  if (outcome === 'source-gone') {
    logger.info({ document: document.id }, 'granted read cut: the document is gone');
  }
}
