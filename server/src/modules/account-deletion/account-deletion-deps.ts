import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';
import type { AccessLogService } from '../access-log/index.js';
import type { ReceiptSigner } from '../consent/index.js';

/** What the account-deletion module needs from the composition root: injected, never imported. */
export interface AccountDeletionDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests move it. */
  now: () => Date;
  /** Builds the `account.deleted` entry; its identity names the log in the receipt. */
  accessLog: AccessLogService;
}

/** From other modules: the auth module's session guard and the consent module's receipt key. */
export interface AccountDeletionGuards {
  requireSession: RequestHandler;
  receiptSigner: ReceiptSigner;
}
