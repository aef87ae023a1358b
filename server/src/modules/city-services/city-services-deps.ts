import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';
import type { AccessLogService } from '../access-log/index.js';
import type { ResidentNotifier } from '../notifications/index.js';

/** What the city-services module needs from the composition root: injected, never imported. */
export interface CityServicesDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests freeze and move it. */
  now: () => Date;
  /** Every read, denial, request and deposit is recorded here (DESIGN §5). */
  accessLog: AccessLogService;
  /** Tells the resident's open pages at once (a new request, a read, a deposit). */
  notifier: ResidentNotifier;
}
