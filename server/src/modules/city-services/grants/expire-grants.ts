import type { Logger } from 'pino';
import type { VaultStorage } from '../../../storage/index.js';
import type { AccessLogService } from '../../access-log/index.js';
import type { ResidentNotifier } from '../../notifications/index.js';
import { statedPurpose } from '../lib/service-event.js';

/**
 * Ends every grant past its expiry (DESIGN §1 promise 4): storage deletes the keys sealed for it
 * and appends a `grant.expired` entry (actor: the vault itself) to the resident's log in the same
 * transaction; then the resident's open pages hear of it. Reads already refuse an expired grant
 * by its date — this makes the end durable, visible and logged. Run on the vault's purge timer.
 */
export async function expireGrants(deps: {
  storage: Pick<VaultStorage, 'expireGrants' | 'listCityServices'>;
  accessLog: Pick<AccessLogService, 'audit'>;
  notifier: Pick<ResidentNotifier, 'publish'>;
  logger: Logger;
  now: Date;
}): Promise<number> {
  const { storage, accessLog, notifier, logger, now } = deps;
  // The audit runs inside the transaction and cannot wait: the purposes' wording is read first.
  const services = new Map((await storage.listCityServices()).map((s) => [s.id, s]));
  const expired = await storage.expireGrants(
    now,
    accessLog.audit((grant) => ({
      at: now,
      residentId: grant.residentId,
      actor: { kind: 'system', id: null },
      action: 'grant.expired',
      purpose: statedPurpose(services.get(grant.serviceId) ?? { purposes: [] }, grant.purposeCode),
      legalBasis: grant.legalBasis,
      grantId: grant.id,
      outcome: 'ok',
      detail: { service: grant.serviceId },
    })),
  );
  for (const grant of expired) {
    notifier.publish(grant.residentId, { type: 'consent.updated', consentId: grant.id });
  }
  if (expired.length > 0) logger.info({ expired: expired.length }, 'expired grants ended');
  return expired.length;
}
