import type { AccessAction } from '../../../contracts/index.js';
import type { CityServiceRecord } from '../../../storage/index.js';
import type { AccessEventInput } from '../../access-log/index.js';

/** What a service's event may say beside who acted and on whose data. */
export type ServiceEventExtra = Pick<
  AccessEventInput,
  'document' | 'purpose' | 'legalBasis' | 'grantId' | 'detail'
> & { outcome?: AccessEventInput['outcome'] };

/**
 * An access-log event whose actor is a city service (DESIGN §5): the service's id and its name as
 * the resident reads it (English; the web app shows the name the registry holds in its language).
 */
export function serviceEvent(
  service: Pick<CityServiceRecord, 'id' | 'name'>,
  residentId: string,
  at: Date,
  action: AccessAction,
  { outcome = 'ok', ...extra }: ServiceEventExtra = {},
): AccessEventInput {
  return {
    at,
    residentId,
    actor: { kind: 'service', id: service.id, name: service.name.en },
    action,
    outcome,
    ...extra,
  };
}

/**
 * The purpose a service states, as the log records it: its code and the registered wording (null
 * for a code the service never registered, which is itself a reason to refuse).
 */
export function statedPurpose(
  service: Pick<CityServiceRecord, 'purposes'>,
  code: string,
): { code: string; text: string | null } {
  return { code, text: service.purposes.find((p) => p.code === code)?.text.en ?? null };
}
