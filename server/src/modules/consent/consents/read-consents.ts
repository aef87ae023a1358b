import type {
  ConsentListResponse,
  ConsentReceiptResponse,
  ConsentView,
} from '../../../contracts/consent.js';
import type { GrantRecord } from '../../../storage/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { MAX_LISTED_CONSENTS } from '../lib/limits.js';
import { serviceDirectory, type ServiceDirectory } from '../lib/service-directory.js';
import { consentStatus, presentConsent } from '../presenters.js';
import type { ReceiptSigner } from '../receipts/receipt-signer.js';

type ReadDeps = Pick<ConsentDeps, 'storage' | 'now'>;

/** The resident's own consent, or 404 (another resident's is answered like a missing one). */
export async function findOwnConsent(
  deps: Pick<ConsentDeps, 'storage'>,
  residentId: string,
  id: string,
): Promise<GrantRecord> {
  const grant = await deps.storage.getGrant(id);
  if (!grant || grant.residentId !== residentId) throw consentErrors.consentNotFound();
  return grant;
}

/** A grant as its resident sees it, with the keys sealed for it now. */
export async function viewConsent(
  deps: ReadDeps,
  grant: GrantRecord,
  services: ServiceDirectory = serviceDirectory(deps.storage),
): Promise<ConsentView> {
  const now = deps.now();
  const keys =
    consentStatus(grant, now) === 'active' ? await deps.storage.listGrantKeys(grant.id) : [];
  return presentConsent(grant, await services(grant.serviceId), keys, now);
}

/** `GET /api/consents`: active, expired and revoked, newest first. */
export async function listConsents(
  deps: ReadDeps,
  residentId: string,
): Promise<ConsentListResponse> {
  const grants = await deps.storage.listResidentGrants(residentId, MAX_LISTED_CONSENTS);
  const services = serviceDirectory(deps.storage);
  return { consents: await Promise.all(grants.map((g) => viewConsent(deps, g, services))) };
}

/** `GET /api/consents/:id/receipt`: the signed receipt, the countersignature, the vault's key. */
export async function readReceipt(
  deps: Pick<ConsentDeps, 'storage'> & { receiptSigner: ReceiptSigner },
  residentId: string,
  id: string,
): Promise<ConsentReceiptResponse> {
  const grant = await findOwnConsent(deps, residentId, id);
  return {
    receipt: grant.receipt,
    countersignature: grant.countersignature,
    vaultKey: { ...deps.receiptSigner.publicJwk },
  };
}
