import type { DocumentRecord, VaultStorage } from '../../../storage/index.js';
import type { IssuerNames } from '../presenters.js';

/**
 * The registry's names of the city services that issued any of `documents` (DESIGN §6: the
 * resident sees who issued a deposited document), each service read once.
 */
export async function issuerNames(
  storage: Pick<VaultStorage, 'getCityService'>,
  documents: readonly Pick<DocumentRecord, 'issuer'>[],
): Promise<IssuerNames> {
  const ids = [...new Set(documents.flatMap((d) => (d.issuer === null ? [] : [d.issuer])))];
  const services = await Promise.all(ids.map((id) => storage.getCityService(id)));
  return new Map(
    services.flatMap((service) =>
      service ? [[service.id, { id: service.id, name: { ...service.name } }] as const] : [],
    ),
  );
}
