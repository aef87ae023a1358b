import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';

/** What the vault module needs from the composition root: injected, never imported. */
export interface VaultDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests move it. */
  now: () => Date;
}
