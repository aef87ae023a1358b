import type { AccessAction } from '../../../contracts/index.js';
import type { CityServiceRecord, GrantRecord } from '../../../storage/index.js';
import type { AccessEventInput } from '../../access-log/index.js';

/** What a resident does about consent, as the access log names it (DESIGN §5). */
export type ConsentAction = Extract<
  AccessAction,
  'request.refused' | 'grant.created' | 'grant.revoked' | 'grant.keys-added'
>;

/**
 * The resident's answer to a service, as a log event: the resident acts; the service, the purpose
 * (code and registered English wording), the legal basis and the grant are named; never a key.
 */
export function consentEvent(
  residentId: string,
  at: Date,
  action: ConsentAction,
  subject: {
    service: Pick<CityServiceRecord, 'id' | 'name' | 'purposes'> | null;
    serviceId: string;
    purposeCode: string;
    legalBasis: string;
    grantId?: string | null;
    detail?: AccessEventInput['detail'];
  },
): AccessEventInput {
  const { service, serviceId, purposeCode } = subject;
  const text = service?.purposes.find((p) => p.code === purposeCode)?.text.en ?? null;
  return {
    at,
    residentId,
    actor: { kind: 'resident', id: residentId },
    action,
    purpose: { code: purposeCode, text },
    legalBasis: subject.legalBasis,
    grantId: subject.grantId ?? null,
    outcome: 'ok',
    detail: { service: serviceId, serviceName: service?.name.en ?? serviceId, ...subject.detail },
  };
}

/** A grant's subject for {@link consentEvent}. */
export function grantSubject(
  grant: GrantRecord,
  service: Pick<CityServiceRecord, 'id' | 'name' | 'purposes'> | null,
) {
  return {
    service,
    serviceId: grant.serviceId,
    purposeCode: grant.purposeCode,
    legalBasis: grant.legalBasis,
    grantId: grant.id,
  };
}
