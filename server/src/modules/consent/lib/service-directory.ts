import type { CityServiceRecord, VaultStorage } from '../../../storage/index.js';

/**
 * The registry as one answer sees it: each service read once per answer, however many requests
 * and consents name it.
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
