/**
 * An access-log event as the browser reads it back from its leaf (server: access-event.ts,
 * docs/access-log.md §7). The leaf was hashed as it is; this only reads it for display, so it is
 * lenient about additions and strict about the fields it shows.
 */

/** Who acted: the resident, a city service, a city operator, or the vault itself. */
export type ActorKind = 'resident' | 'service' | 'operator' | 'system';

/** The actor kinds, in the order filters, chart and legend list them. */
export const ACTOR_KINDS: readonly ActorKind[] = ['resident', 'service', 'operator', 'system'];

export interface AccessEvent {
  /** ISO 8601 time of the event. */
  at: string;
  /** Whose data it concerns (the resident's pseudonymous id). */
  resident: string;
  actor: { kind: ActorKind; id: string | null; name: string | null };
  action: string;
  document: { id: string; category: string | null; version: number | null } | null;
  purpose: { code: string; text: string | null } | null;
  legalBasis: string | null;
  grant: string | null;
  outcome: string;
  detail: Record<string, string | number | boolean | null>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isActorKind = (v: unknown): v is ActorKind =>
  typeof v === 'string' && (ACTOR_KINDS as readonly string[]).includes(v);

/** Reads an event from its leaf (canonical JSON); null if it is not one this version can show. */
export function parseAccessEvent(leaf: string): AccessEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(leaf);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { at, resident, actor, action, document, purpose, outcome, detail } = value;
  if (typeof at !== 'string' || Number.isNaN(new Date(at).getTime())) return null;
  if (typeof resident !== 'string' || typeof action !== 'string') return null;
  if (!isRecord(actor) || !isActorKind(actor['kind'])) return null;
  if (document !== null && document !== undefined && !isRecord(document)) return null;

  const doc =
    isRecord(document) && typeof document['id'] === 'string'
      ? {
          id: document['id'],
          category: stringOrNull(document['category']),
          version: typeof document['version'] === 'number' ? document['version'] : null,
        }
      : null;
  const facts: AccessEvent['detail'] = {};
  if (isRecord(detail)) {
    for (const [key, v] of Object.entries(detail)) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
        facts[key] = v as string | number | boolean | null;
      }
    }
  }
  return {
    at,
    resident,
    actor: {
      kind: actor['kind'],
      id: stringOrNull(actor['id']),
      name: stringOrNull(actor['name']),
    },
    action,
    document: doc,
    purpose:
      isRecord(purpose) && typeof purpose['code'] === 'string'
        ? { code: purpose['code'], text: stringOrNull(purpose['text']) }
        : null,
    legalBasis: stringOrNull(value['legalBasis']),
    grant: stringOrNull(value['grant']),
    outcome: typeof outcome === 'string' ? outcome : 'ok',
    detail: facts,
  };
}
