import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';

/** What the city-services module needs from the composition root: injected, never imported. */
export interface CityServicesDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests freeze and move it. */
  now: () => Date;
}
