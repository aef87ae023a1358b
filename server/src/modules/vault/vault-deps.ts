import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';
import type { AccessLogService } from '../access-log/index.js';

/** What the vault module needs from the composition root: injected, never imported. */
export interface VaultDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests move it. */
  now: () => Date;
  /** Where every access to a resident's data is recorded (DESIGN §5). */
  accessLog: AccessLogService;
}
