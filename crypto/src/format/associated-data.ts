import { AD_LABEL } from './v1.js';

const encoder = new TextEncoder();

/** Identifies one version of one document of one resident: what a ciphertext is bound to. */
export interface DocumentContext {
  documentId: string;
  version: number;
  ownerId: string;
}

/** UTF-8 of the parts joined by NUL bytes: the associated-data layout of every v1 envelope. */
export function joinAd(...parts: (string | number)[]): Uint8Array<ArrayBuffer> {
  for (const p of parts) {
    if (typeof p === 'string' && p.includes('\0'))
      throw new TypeError('AD parts must not hold NUL');
  }
  return encoder.encode(parts.map(String).join('\0'));
}

/** AD of every content chunk: label, document id, version, owner (docs/crypto.md). */
export function documentAd(ctx: DocumentContext): Uint8Array<ArrayBuffer> {
  checkContext(ctx);
  return joinAd(AD_LABEL.document, ctx.documentId, ctx.version, ctx.ownerId);
}

/** AD of a metadata envelope. */
export function metadataAd(ctx: DocumentContext): Uint8Array<ArrayBuffer> {
  checkContext(ctx);
  return joinAd(AD_LABEL.metadata, ctx.documentId, ctx.version, ctx.ownerId);
}

/** A version is a positive integer and ids are non-empty: anything else is a caller's bug. */
function checkContext(ctx: DocumentContext): void {
  if (!Number.isSafeInteger(ctx.version) || ctx.version < 1) {
    throw new TypeError('DocumentContext.version must be a positive integer');
  }
  if (ctx.documentId.length === 0 || ctx.ownerId.length === 0) {
    throw new TypeError('DocumentContext ids must not be empty');
  }
}
