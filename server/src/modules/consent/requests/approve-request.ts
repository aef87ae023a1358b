import {
  CONSENT_RECEIPT_VERSION,
  type ApproveRequestBody,
  type ConsentView,
} from '../../../contracts/consent.js';
import type { GrantKeyRecord, GrantRecord } from '../../../storage/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { consentEvent } from '../lib/consent-event.js';
import { decodeSealedKeys } from '../lib/sealed-keys.js';
import { presentConsent, presentPurpose, presentService, requestStatus } from '../presenters.js';
import { checkConsentReceipt, type ExpectedReceipt } from '../receipts/check-consent-receipt.js';
import type { ReceiptSigner } from '../receipts/receipt-signer.js';
import { findOwnRequest } from './read-requests.js';

const DAY_MS = 86_400_000;

/**
 * `POST /api/requests/:id/approve` (DESIGN §6): checks the consent receipt the resident's browser
 * signed against the request and this approval, countersigns it, and stores the grant with the
 * document keys sealed to the service — with its log entry, in one transaction. Any mismatch is
 * 400 ERR_RECEIPT_INVALID and nothing is stored.
 */
export async function approveRequest(
  deps: ConsentDeps & { receiptSigner: ReceiptSigner },
  residentId: string,
  requestId: string,
  body: ApproveRequestBody,
): Promise<ConsentView> {
  const { storage, config, accessLog, notifier } = deps;
  const now = deps.now();
  const request = await findOwnRequest(deps, residentId, requestId);
  if (requestStatus(request, now) !== 'pending') throw consentErrors.requestNotPending();

  const keys = await storage.getVaultState(residentId, now).then((s) => s.keys);
  if (keys === null) throw consentErrors.notEnrolled();
  const service = await storage.getCityService(request.serviceId);
  const sealed: GrantKeyRecord[] = decodeSealedKeys(body.documents);
  const documents = body.documents.map(({ id, version }) => ({ id, version }));
  if (new Set(documents.map((d) => d.id)).size !== documents.length) {
    throw consentErrors.duplicateDocument();
  }

  const asked = new Set(request.categories);
  if (!body.categories.every((c) => asked.has(c))) throw consentErrors.receiptInvalid('categories');
  const expiresAt = new Date(body.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw consentErrors.receiptInvalid('expiresAt');
  if (expiresAt.getTime() > now.getTime() + config.consent.maxDays * DAY_MS) {
    throw consentErrors.receiptInvalid('expiresAt');
  }
  const expected: ExpectedReceipt = {
    version: CONSENT_RECEIPT_VERSION,
    receiptId: body.consentId,
    requestId: request.id,
    vault: config.publicOrigin,
    collectionMethod: 'citizen-vault-web',
    piiPrincipalId: residentId,
    piiController: presentService(request.serviceId, service),
    purpose: presentPurpose(request.purposeCode, service),
    legalBasis: request.legalBasis,
    retentionDays: request.retentionDays,
    categories: body.categories,
    documents,
    standing: body.standing,
    expiresAt: body.expiresAt,
  };
  const checked = checkConsentReceipt(body.receipt, {
    signerPublicKey: keys.ed25519PublicKey,
    expected,
    now,
  });
  if (!checked.ok) throw consentErrors.receiptInvalid(checked.reason);
  if ((await storage.getGrant(body.consentId)) !== null) throw consentErrors.consentIdTaken();

  const grant: GrantRecord = {
    id: body.consentId,
    requestId: request.id,
    serviceId: request.serviceId,
    residentId,
    purposeCode: request.purposeCode,
    legalBasis: request.legalBasis,
    categories: [...body.categories],
    standing: body.standing,
    expiresAt,
    createdAt: now,
    receipt: body.receipt,
    countersignature: await deps.receiptSigner.countersign(body.receipt, body.consentId, now),
    endedAt: null,
    endReason: null,
  };
  const result = await storage.createGrant(
    grant,
    sealed,
    now,
    accessLog.audit((r) =>
      r.ok
        ? consentEvent(residentId, now, 'grant.created', {
            service,
            serviceId: grant.serviceId,
            purposeCode: grant.purposeCode,
            legalBasis: grant.legalBasis,
            grantId: grant.id,
            detail: {
              request: request.id,
              documents: sealed.length,
              standing: grant.standing,
              expiresAt: grant.expiresAt.toISOString(),
            },
          })
        : null,
    ),
  );
  if (!result.ok) {
    switch (result.reason) {
      case 'not-found':
        throw consentErrors.requestNotFound();
      case 'not-pending':
        throw consentErrors.requestNotPending();
      case 'document-not-found':
        throw consentErrors.documentNotFound();
      case 'category-not-granted':
        throw consentErrors.categoryNotGranted();
      case 'id-taken':
        throw consentErrors.consentIdTaken();
    }
  }
  deps.logger.info(
    { resident: residentId, request: request.id, consent: grant.id, documents: sealed.length },
    'request approved: consent stored',
  );
  notifier.publish(residentId, { type: 'request.updated', requestId: request.id });
  notifier.publish(residentId, { type: 'consent.updated', consentId: grant.id });
  return presentConsent(result.grant, service, sealed, now);
}
