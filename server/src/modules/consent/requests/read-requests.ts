import type { RequestDetailResponse, RequestListResponse } from '../../../contracts/consent.js';
import type { DocumentCategory } from '../../../contracts/vault.js';
import type { ServiceRequestRecord } from '../../../storage/index.js';
import { issuerNames, presentDocument } from '../../vault/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { MAX_GRANTS_SCANNED, MAX_LISTED_REQUESTS } from '../lib/limits.js';
import { serviceDirectory } from '../lib/service-directory.js';
import { encodeBase64url, presentRequest } from '../presenters.js';

type ReadDeps = Pick<ConsentDeps, 'storage' | 'now'>;

/** The resident's own request, or 404 (another resident's is answered like a missing one). */
export async function findOwnRequest(
  deps: Pick<ConsentDeps, 'storage'>,
  residentId: string,
  id: string,
): Promise<ServiceRequestRecord> {
  const request = await deps.storage.getServiceRequest(id);
  if (!request || request.residentId !== residentId) throw consentErrors.requestNotFound();
  return request;
}

/** Which consent answered each of the resident's approved requests. */
async function consentsByRequest(deps: ReadDeps, residentId: string): Promise<Map<string, string>> {
  const grants = await deps.storage.listResidentGrants(residentId, MAX_GRANTS_SCANNED);
  return new Map(grants.map((g) => [g.requestId, g.id]));
}

/** `GET /api/requests`: the resident's inbox, newest first. */
export async function listRequests(
  deps: ReadDeps,
  residentId: string,
): Promise<RequestListResponse> {
  const requests = await deps.storage.listResidentRequests(residentId, MAX_LISTED_REQUESTS);
  const consents = await consentsByRequest(deps, residentId);
  const services = serviceDirectory(deps.storage);
  const now = deps.now();
  return {
    requests: await Promise.all(
      requests.map(async (r) =>
        presentRequest(r, await services(r.serviceId), consents.get(r.id) ?? null, now),
      ),
    ),
  };
}

/**
 * `GET /api/requests/:id`: the request, the key the browser seals to, and the resident's documents
 * in the requested categories (presented as the documents list presents them).
 */
export async function readRequest(
  deps: ReadDeps,
  residentId: string,
  id: string,
): Promise<RequestDetailResponse> {
  const request = await findOwnRequest(deps, residentId, id);
  const service = await deps.storage.getCityService(request.serviceId);
  const consent = await deps.storage.getGrantByRequest(request.id);
  const wanted = new Set<DocumentCategory>(request.categories as DocumentCategory[]);
  const documents = (await deps.storage.listDocuments(residentId)).filter((d) =>
    wanted.has(d.category),
  );
  const issuers = await issuerNames(deps.storage, documents);
  return {
    request: presentRequest(request, service, consent?.id ?? null, deps.now()),
    serviceX25519PublicKey: service ? encodeBase64url(service.x25519PublicKey) : '',
    matchingDocuments: documents.map((d) => presentDocument(d, issuers)),
  };
}
