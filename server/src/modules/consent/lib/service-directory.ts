import type { CityServiceRecord, VaultStorage } from '../../../storage/index.js';

/**
 * The registry as one answer sees it: each service read once per answer, however many requests
 * and consents name it. Made afresh for each answer and dropped with it, so nothing outlives the
 * request: a change made through another node shows in the next answer (issue 7).
 */
export type ServiceDirectory = (id: string) => Promise<CityServiceRecord | null>;

export function serviceDirectory(storage: VaultStorage): ServiceDirectory {
  const seen = new Map<string, Promise<CityServiceRecord | null>>();
  return (id) => {
    let found = seen.get(id);
    if (found === undefined) {
      found = storage.getCityService(id);
      seen.set(id, found);
    }
    return found;
  };
}
