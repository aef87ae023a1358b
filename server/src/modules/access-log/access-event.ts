import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../../crypto/src/encoding/canonical-json.js';
import type { AccessAction, DocumentCategory } from '../../contracts/index.js';
import type { LogActorKind, LogAppend } from '../../storage/index.js';

/** Format version of an access-log event (DESIGN §5, docs/access-log.md). */
export const ACCESS_EVENT_VERSION = 1;

/** Bytes of random salt in every event: leaf hashes then reveal nothing about the event. */
export const EVENT_SALT_BYTES = 16;

/** What happened, by whom, to what, why. Never contents, names or keys. */
export interface AccessEventInput {
  at: Date;
  /** Whose data this concerns (the resident's pseudonymous id). */
  residentId: string;
  actor: { kind: LogActorKind; id: string | null; name?: string | null };
  /** What happened (contracts: ACCESS_ACTIONS). */
  action: AccessAction;
  document?: { id: string; category: DocumentCategory | null; version?: number } | null;
  purpose?: { code: string; text: string | null } | null;
  legalBasis?: string | null;
  grantId?: string | null;
  /** 'ok', or why not: 'denied' (refused by policy), 'failed' (e.g. a failed sign-in). */
  outcome: 'ok' | 'denied' | 'failed';
  /** A few facts particular to the action (e.g. the sign-in method); no personal data. */
  detail?: Record<string, string | number | boolean | null>;
}

/** The event object whose canonical JSON (RFC 8785) is the Merkle leaf. */
export function accessEvent(input: AccessEventInput, salt: Uint8Array): Record<string, unknown> {
  return {
    v: ACCESS_EVENT_VERSION,
    at: input.at.toISOString(),
    resident: input.residentId,
    actor: { kind: input.actor.kind, id: input.actor.id, name: input.actor.name ?? null },
    action: input.action,
    document: input.document
      ? {
          id: input.document.id,
          category: input.document.category,
          ...(input.document.version === undefined ? {} : { version: input.document.version }),
        }
      : null,
    purpose: input.purpose ?? null,
    legalBasis: input.legalBasis ?? null,
    grant: input.grantId ?? null,
    outcome: input.outcome,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
    salt: Buffer.from(salt).toString('base64url'),
  };
}

/** The entry to append for an event: its canonical JSON bytes plus the columns to find it by. */
export function toLogAppend(input: AccessEventInput): LogAppend {
  const leaf = Buffer.from(
    canonicalJson(accessEvent(input, randomBytes(EVENT_SALT_BYTES))),
    'utf8',
  );
  return {
    residentId: input.residentId,
    at: new Date(input.at.getTime()),
    actorKind: input.actor.kind,
    actorId: input.actor.id,
    action: input.action,
    documentId: input.document?.id ?? null,
    leaf: new Uint8Array(leaf.buffer, leaf.byteOffset, leaf.length),
  };
}

/** The resident acting on their own vault: the most common event (sign-ins, keys, documents). */
export function residentEvent(
  residentId: string,
  at: Date,
  action: AccessAction,
  extra: Pick<AccessEventInput, 'document' | 'detail'> = {},
): AccessEventInput {
  return {
    at,
    residentId,
    actor: { kind: 'resident', id: residentId },
    action,
    outcome: 'ok',
    ...extra,
  };
}
