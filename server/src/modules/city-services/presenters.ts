import type { ServiceProfileResponse } from '../../contracts/index.js';
import type { CityServiceRecord } from '../../storage/index.js';

/** A service's registration as it may see it: no timestamps, no JWK (it holds the private key). */
export function toServiceProfile(service: CityServiceRecord): ServiceProfileResponse {
  return {
    id: service.id,
    name: { en: service.name.en, it: service.name.it },
    purposes: service.purposes.map((p) => ({
      code: p.code,
      text: { en: p.text.en, it: p.text.it },
    })),
    legalBases: [...service.legalBases],
    x25519PublicKey: Buffer.from(service.x25519PublicKey).toString('base64url'),
    authKeyId: service.authKeyId,
  };
}
