import { createHash } from 'node:crypto';
import {
  DELETION_RECEIPT_VERSION,
  type AccountDeletionReceiptPayload,
  type DeleteAccountResponse,
} from '../../contracts/index.js';
import { httpErrors } from '../../http/errors.js';
import type { LogEntryRecord } from '../../storage/index.js';
import { residentEvent } from '../access-log/index.js';
import type { AccountDeletionDeps, AccountDeletionGuards } from './account-deletion-deps.js';

/** RFC 6962 §2.1 leaf hash, standard base64 as in checkpoints and proofs. */
const leafHash = (entry: LogEntryRecord): string =>
  createHash('sha256')
    .update(Buffer.from([0x00]))
    .update(entry.leaf)
    .digest('base64');

/**
 * Deletes the resident's account (GDPR Art. 17): one storage transaction removes everything of
 * theirs and appends the `account.deleted` entry (ports: deleteAccount), then the vault signs the
 * receipt that says what went and where the entry is in the log. The caller has checked the
 * session and the confirmation; it clears the session cookie.
 */
export async function deleteAccount(
  deps: AccountDeletionDeps,
  signer: AccountDeletionGuards['receiptSigner'],
  residentId: string,
): Promise<DeleteAccountResponse> {
  const { storage, accessLog, logger, config } = deps;
  const now = deps.now();
  const result = await storage.deleteAccount(
    residentId,
    now,
    accessLog.audit((counts) =>
      residentEvent(residentId, now, 'account.deleted', { detail: { ...counts } }),
    ),
  );
  // Deleted meanwhile by a parallel request: this session is gone with it.
  if (!result.ok) throw httpErrors.unauthenticated();
  const entry = result.logEntry;
  if (entry === null) throw new TypeError('deleteAccount appended no log entry');
  if (!result.residueCleared) {
    // The storage keeps trying in the background; until it succeeds, the operator should know.
    logger.warn(
      { logIndex: entry.index },
      'account deleted, but a reader kept the write-ahead log from being truncated: old page images remain until the retry in the background succeeds',
    );
  }
  const payload: AccountDeletionReceiptPayload = {
    version: DELETION_RECEIPT_VERSION,
    iss: config.publicOrigin,
    sub: residentId,
    iat: Math.floor(now.getTime() / 1000),
    deletedAt: result.deletedAt.toISOString(),
    deleted: { ...result.counts },
    log: { origin: accessLog.identity.origin, index: entry.index, leafHash: leafHash(entry) },
  };
  logger.info({ logIndex: entry.index, deleted: result.counts }, 'account deleted');
  return {
    receipt: await signer.signDeletionReceipt(payload),
    vaultKey: { ...signer.publicJwk },
  };
}
