import { z } from 'zod';

/**
 * Wire contract of the access log (issue 4, DESIGN §5, docs/access-log.md). Hashes travel as
 * standard base64 (as in C2SP checkpoints and proofs); an entry travels as its leaf: the canonical
 * JSON text of the event, which the browser hashes itself (leaf hash = SHA-256(0x00 ‖ UTF-8 bytes)).
 */

/** Who can act on a resident's data. */
export const LOG_ACTOR_KINDS = ['resident', 'service', 'operator', 'system'] as const;
export type LogActorKindWire = (typeof LOG_ACTOR_KINDS)[number];

/** Every action the vault logs today (later issues add service actions). */
export const ACCESS_ACTIONS = [
  'sign-in',
  'sign-in.failed',
  'passkey.added',
  'passkey.renamed',
  'passkey.removed',
  'vault.enrolled',
  'key-slot.added',
  'key-slot.removed',
  'recovery-kit.replaced',
  'document.uploaded',
  'document.version-added',
  'document.read',
  'document.previewed',
  'document.deleted',
  'log.exported',
  // City services (issue 5).
  'request.created',
  'access.denied',
  'document.deposited',
  'grant.expired',
  // The resident's answers (issue 5).
  'request.refused',
  'grant.created',
  'grant.revoked',
  'grant.keys-added',
  // The resident deleted their account (issue 6): the last entry about them.
  'account.deleted',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** The most entries one page (and one inclusion-proof request) holds. */
export const MAX_LOG_PAGE = 1000;
export const DEFAULT_LOG_PAGE = 50;

const index = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoTime = z.iso.datetime({ offset: true });

/** `GET /api/log/entries` query: filters (all optional), paging backwards with `before`. */
export const logEntriesQuery = z.strictObject({
  actor: z.enum(LOG_ACTOR_KINDS).optional(),
  actorId: z.string().min(1).max(200).optional(),
  action: z.enum(ACCESS_ACTIONS).optional(),
  document: z.uuid().optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  before: index.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LOG_PAGE).default(DEFAULT_LOG_PAGE),
});
export type LogEntriesQuery = z.infer<typeof logEntriesQuery>;

export interface LogEntryView {
  /** The leaf index: the entry's position in the city's log. */
  index: number;
  /** The canonical JSON of the event: hash these UTF-8 bytes to get the leaf hash. */
  leaf: string;
}

export interface LogEntriesResponse {
  entries: LogEntryView[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null;
}

/** `GET /api/log/proofs/inclusion?size=S&index=1,5,9` */
export const inclusionProofQuery = z.strictObject({
  size: index,
  index: z
    .string()
    .regex(/^(0|[1-9]\d{0,15})(,(0|[1-9]\d{0,15}))*$/, 'comma-separated leaf indexes')
    .transform((s) => s.split(',').map(Number))
    .refine((list) => list.length <= MAX_LOG_PAGE, `at most ${MAX_LOG_PAGE} indexes`),
});

export interface InclusionProofsResponse {
  size: number;
  proofs: { index: number; hashes: string[] }[];
}

/** `GET /api/log/proofs/consistency?from=M&to=N` */
/** From 1: a consistency proof from the empty tree is not defined (RFC 9162 §2.1.4). */
export const consistencyProofQuery = z.strictObject({ from: index.min(1), to: index });

export interface ConsistencyProofResponse {
  from: number;
  to: number;
  hashes: string[];
}

/** What the web app needs to check the log: whose log, and its verifier key. */
export interface LogIdentity {
  origin: string;
  verifierKey: string;
}

/** `POST /api/log/export`: everything needed to check a resident's entries offline. */
export interface LogExport {
  format: 'citizen-vault.access-log-export.v1';
  exportedAt: string;
  origin: string;
  /** The key the server says signed it; a verifier should be given the key independently. */
  verifierKey: string;
  /** The signed note of the checkpoint every proof is against. */
  checkpoint: string;
  /** The resident's entries covered by that checkpoint, newest first, each with its proof. */
  entries: { index: number; leaf: string; proof: string[] }[];
  /** Entries made after the checkpoint (no proof yet): their indexes only. */
  pending: number[];
}
