import type { DepositPrelude } from '../../../contracts/service-api.js';
import { httpErrors } from '../../../http/errors.js';
import type { AppError } from '../../../http/app-error.js';
import type {
  CityServiceRecord,
  DocumentRecord,
  PutVersionResult,
} from '../../../storage/index.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { decodeBase64url } from '../../../http/base64url.js';
import { serviceErrors } from '../lib/service-errors.js';
import { serviceEvent } from '../lib/service-event.js';
import { depositErrors } from './deposit-errors.js';

/**
 * Stores a document a service issued for a resident (DESIGN §6): version 1 of a new document,
 * encrypted by the service for the resident (its key sealed to their X25519 key), recorded with
 * the service as its issuer, under the resident's quota, with a `document.deposited` entry in their
 * log — one transaction. The very same deposit sent again stores nothing (`created: false`).
 */
export async function storeDeposit(
  deps: Pick<CityServicesDeps, 'config' | 'storage' | 'accessLog' | 'notifier' | 'logger' | 'now'>,
  service: CityServiceRecord,
  documentId: string,
  prelude: DepositPrelude,
  chunks: Uint8Array[],
): Promise<{ created: boolean; document: DocumentRecord }> {
  const { config, storage, accessLog, notifier, logger } = deps;
  const resident = await storage.findResidentByNationalId(prelude.nationalId);
  if (!resident) throw serviceErrors.unknownResident();
  const now = deps.now();
  const result = await storage.putVersion(
    {
      residentId: resident.id,
      documentId,
      version: 1,
      category: prelude.category,
      chunks,
      header: decodeBase64url(prelude.header, 'header'),
      wrappedKey: decodeBase64url(prelude.wrappedKey, 'wrappedKey'),
      metadata: decodeBase64url(prelude.metadata, 'metadata'),
      now,
      limits: { quotaBytes: config.quotaBytes, maxDocumentBytes: config.maxDocumentBytes },
      issuer: service.id,
    },
    accessLog.audit((outcome) =>
      outcome.ok && outcome.created
        ? serviceEvent(service, resident.id, now, 'document.deposited', {
            document: { id: documentId, category: outcome.document.category, version: 1 },
          })
        : null,
    ),
  );
  if (!result.ok) throw refusal(result.reason, config.maxDocumentBytes);
  if (result.created) {
    notifier.publish(resident.id, {
      type: 'document.deposited',
      documentId,
      service: { id: service.id, name: { en: service.name.en, it: service.name.it } },
    });
  }
  logger.info(
    { service: service.id, document: documentId, created: result.created },
    result.created ? 'document deposited' : 'deposit was already stored',
  );
  return { created: result.created, document: result.document };
}

function refusal(
  reason: Extract<PutVersionResult, { ok: false }>['reason'],
  maxDocumentBytes: number,
): AppError {
  switch (reason) {
    case 'not-enrolled':
      return serviceErrors.residentNotEnrolled();
    case 'bad-framing':
      return depositErrors.framing('every chunk but the last one must be full');
    case 'too-large':
      return depositErrors.tooLarge(maxDocumentBytes);
    case 'quota-exceeded':
      return depositErrors.quotaExceeded();
    case 'conflict':
    case 'document-not-found':
      return depositErrors.conflict();
    case 'category-mismatch':
      return httpErrors.validation('The request is not valid (category).');
  }
}
