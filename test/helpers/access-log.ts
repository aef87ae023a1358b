import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { afterEach, beforeAll, expect } from 'vitest';
import {
  isCryptoError,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  sodiumReady,
  verifyInclusion,
  type Hash,
  type NoteVerifier,
  type OpenedCheckpoint,
} from '../../crypto/src/index.js';
import type {
  DocumentCategory,
  ErrorBody,
  InclusionProofsResponse,
  LogEntriesResponse,
  LogEntryView,
  LogIdentity,
} from '../../server/src/contracts/index.js';
import { toLogAppend } from '../../server/src/modules/access-log/access-event.js';
import { residentEvent } from '../../server/src/modules/access-log/index.js';
import { SqliteStorage } from '../../server/src/storage/index.js';
import { HttpClient, type TestResponse } from './http-client.js';
import { signInWithLocalEid } from './sign-in.js';
import { SoftAuthenticator, type SoftCredential } from './soft-authenticator.js';
import {
  startVault,
  type StartVaultOptions,
  type TestVault,
  type VaultAddress,
} from './start-vault.js';
import { enrol, partsJson, type SealedParts } from './vault-fixtures.js';

/**
 * Shared set-up for the access-log integration tests (test/integration/access-log*.test.ts): vaults
 * on an injected clock, optionally with a seeded log; demo residents; and the checks the resident's
 * browser, a monitor or the offline verifier make with crypto/ (checkpoints, inclusion proofs).
 */

// --- vaults and their clock ---------------------------------------------------------------------

/** What the vaults of one test file start with, unless a vault says otherwise. */
export interface LogVaultDefaults {
  /** The injected clock's start (ISO 8601); every {@link LogVaults.vaultWith} resets it. */
  start: string;
  /** VAULT_LOG_CHECKPOINT_MS: how often the checkpointer ticks. */
  intervalMs: number;
  /** Whether the log holds one seeded entry before the vault starts (see {@link LogVaultOptions}). */
  seed: boolean;
}

/** Options for {@link LogVaults.vaultWith}: those of startVault, and two of the log's own. */
export type LogVaultOptions = StartVaultOptions & {
  /**
   * When true, the vault's SQLite file already holds one entry (another resident's eID sign-in at
   * the start time) before the vault starts. A vault whose first checkpoint is of the empty tree
   * stops signing for good (access-log-proofs.test.ts), and a test must not depend on whether its
   * first sign-in beat the checkpointer's first tick.
   */
  seed?: boolean;
  /** VAULT_LOG_CHECKPOINT_MS, unless `env` sets it. */
  intervalMs?: number;
};

/** The vaults of one test file and the clock they share; see {@link useLogVaults}. */
export interface LogVaults {
  /**
   * Starts a vault on the injected clock (reset to the start) with the file's defaults; it is
   * closed, and its seeded data directory removed, after the test.
   */
  vaultWith(options?: LogVaultOptions): Promise<TestVault>;
  /** The injected clock's current time (what the vaults' `now()` answers). */
  now(): Date;
  /** Moves the injected clock `n` minutes forward; returns the new time. */
  minutesLater(n: number): Date;
}

/**
 * Call once at the top of a test file: waits for libsodium before the tests (beforeAll), and after
 * each test closes its vaults and removes their seeded data directories (afterEach).
 */
export function useLogVaults(defaults: LogVaultDefaults): LogVaults {
  const vaults: TestVault[] = [];
  const dirs: string[] = [];
  let clock = new Date(defaults.start);

  beforeAll(async () => {
    await sodiumReady();
  });

  afterEach(async () => {
    await Promise.all(vaults.splice(0).map((v) => v.close()));
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    async vaultWith(options = {}) {
      clock = new Date(defaults.start);
      const env: Record<string, string> = {
        VAULT_LOG_CHECKPOINT_MS: String(options.intervalMs ?? defaults.intervalMs),
        ...options.env,
      };
      if (options.seed ?? defaults.seed) {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-log-'));
        dirs.push(dataDir);
        const storage = SqliteStorage.open(path.join(dataDir, 'vault.sqlite'));
        const event = residentEvent(randomUUID(), clock, 'sign-in', { detail: { method: 'eid' } });
        await storage.appendLog([toLogAppend(event)]);
        await storage.close();
        env['VAULT_DATA_DIR'] = dataDir;
      }
      const vault = await startVault({ now: () => clock, ...options, env });
      vaults.push(vault);
      return vault;
    },
    now: () => clock,
    minutesLater(n) {
      clock = new Date(clock.getTime() + n * 60_000);
      return clock;
    },
  };
}

// --- residents and their requests ---------------------------------------------------------------

/** A signed-in, enrolled demo resident. */
export interface Resident {
  client: HttpClient;
  /** Their resident id, as the log's events name them. */
  id: string;
  authenticator: SoftAuthenticator;
  /** The passkey they enrolled with. */
  credential: SoftCredential;
  /** What they enrolled (keys and key slots), e.g. to check that none of it is ever logged. */
  enrolment: Awaited<ReturnType<typeof enrol>>['request'];
}

/** A demo resident signed in with the local eID, with a passkey, enrolled (3 entries). */
export async function resident(
  vault: TestVault,
  accountId = 'demo-maria-rossi',
): Promise<Resident> {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const authenticator = new SoftAuthenticator({ origin: vault.origin });
  const { credential, request } = await enrol(client, authenticator);
  return { client, id: me.body.resident.id, authenticator, credential, enrolment: request };
}

/**
 * A passkey sign-in on the resident's account from another browser (a fresh client), with an
 * assertion signed for https://evil.example instead of the vault's origin. Returns the vault's
 * answer, for the test to check (a refusal, logged as `sign-in.failed` with no actor id).
 */
export async function forgedPasskeySignIn(
  vault: TestVault,
  { authenticator, credential }: Resident,
) {
  const stranger = new HttpClient(vault.origin);
  const options = await stranger.post<{ optionsJSON: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/auth/passkey/options',
  );
  const forged = authenticator.authenticate(options.body.optionsJSON, credential, {
    origin: 'https://evil.example',
  });
  return stranger.post<ErrorBody>('/api/auth/passkey/verify', { response: forged });
}

/** Downloads a document version (one `document.read` entry, or `.previewed` with that purpose). */
export const download = (client: HttpClient, documentId: string, version = 1, query = '') =>
  client.requestBytes('GET', `/api/documents/${documentId}/versions/${version}/content${query}`);

/** The body of a one-request upload: u32 length ‖ prelude JSON ‖ chunks. */
export function putVersionBody(
  category: DocumentCategory,
  chunks: Uint8Array[],
  parts: SealedParts,
) {
  const prelude = Buffer.from(
    JSON.stringify({ category, chunkCount: chunks.length, ...partsJson(parts) }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(prelude.length);
  return Buffer.concat([length, prelude, ...chunks]);
}

// --- entries --------------------------------------------------------------------------------------

/** The event an entry's leaf holds (DESIGN §5, server/src/modules/access-log/access-event.ts). */
export interface AccessEvent {
  v: number;
  at: string;
  resident: string;
  actor: { kind: string; id: string | null; name: string | null };
  action: string;
  document: { id: string; category: string | null; version?: number } | null;
  purpose: unknown;
  legalBasis: unknown;
  grant: unknown;
  outcome: string;
  detail?: Record<string, unknown>;
  salt: string;
}

/** The event an entry's leaf holds, parsed. */
export const eventOf = (entry: { leaf: string }): AccessEvent =>
  JSON.parse(entry.leaf) as AccessEvent;

/** The leaf indexes of a list of entries, in its order. */
export const indexes = (list: { index: number }[]) => list.map((e) => e.index);

/**
 * The resident's newest entries, one page of up to 1,000, newest first. With `strict`, also
 * expects that page to hold all of them (nextBefore null).
 */
export async function entriesOf(
  client: HttpClient,
  { strict = false }: { strict?: boolean } = {},
): Promise<LogEntryView[]> {
  const res = await client.get<LogEntriesResponse>('/api/log/entries?limit=1000');
  expect(res.status).toBe(200);
  if (strict) expect(res.body.nextBefore).toBeNull();
  return res.body.entries;
}

/**
 * Every entry of the resident matching `query` (e.g. `action=document.read`), newest first,
 * following nextBefore page by page; expects every page to answer 200.
 */
export async function allEntries(client: HttpClient, query = ''): Promise<LogEntryView[]> {
  const out: LogEntryView[] = [];
  let before: number | null = null;
  for (;;) {
    const sep = query === '' ? '' : '&';
    const page: TestResponse<LogEntriesResponse> = await client.get<LogEntriesResponse>(
      `/api/log/entries?limit=1000${sep}${query}${before === null ? '' : `&before=${before}`}`,
    );
    expect(page.status, page.text).toBe(200);
    out.push(...page.body.entries);
    if (page.body.nextBefore === null) return out;
    before = page.body.nextBefore;
  }
}

// --- checkpoints and proofs -------------------------------------------------------------------------

export const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
export const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
/** The Merkle leaf hash of an entry's leaf. */
export const leafHashOf = (entry: { leaf: string }): Hash => leafHash(utf8(entry.leaf));

/** The crypto/ error code a check throws, or 'ok'. */
export function codeOf(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (isCryptoError(error)) return error.code;
    throw error;
  }
}

/**
 * What a monitor or the resident's browser knows of the log: its origin and verifier key (here
 * read from /api/log), and the verifier parsed from that key.
 */
export interface LogTrust extends LogIdentity {
  verifier: NoteVerifier;
}

/** The log's identity as the web app gets it from /api/log, and the verifier it builds from it. */
export async function trustOf(client: HttpClient): Promise<LogTrust> {
  const res = await client.get<LogIdentity>('/api/log');
  expect(res.status).toBe(200);
  return { ...res.body, verifier: parseVerifierKey(res.body.verifierKey) };
}

/**
 * Polls the public checkpoint (no session) every 10 ms until a signed one covers `size` entries;
 * throws after `deadlineMs` naming the latest it saw. Returns it, its note, and how long it took.
 */
export async function checkpointCovering(
  vault: VaultAddress,
  trust: LogTrust,
  size: number,
  deadlineMs = 5_000,
): Promise<{ note: string; checkpoint: OpenedCheckpoint; waitedMs: number }> {
  const anonymous = new HttpClient(vault.origin);
  const started = Date.now();
  let latest = 'none';
  for (;;) {
    const res = await anonymous.get('/log/checkpoint');
    if (res.status === 200) {
      const checkpoint = openCheckpoint(res.text, {
        origin: trust.origin,
        verifiers: [trust.verifier],
      });
      if (checkpoint.size >= size) {
        return { note: res.text, checkpoint, waitedMs: Date.now() - started };
      }
      latest = `size ${checkpoint.size}`;
    }
    if (Date.now() - started > deadlineMs) {
      throw new Error(
        `no signed checkpoint covers ${size} entries after ${deadlineMs} ms (latest: ${latest})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Expects the log to hold `size` entries, and waits until a checkpoint of exactly that size. */
export async function settledAt(vault: TestVault, trust: LogTrust, size: number) {
  expect(vault.countRows('log_entries')).toBe(size);
  const signed = await checkpointCovering(vault, trust, size);
  expect(signed.checkpoint.size).toBe(size);
  return signed;
}

/**
 * The browser's check of each entry at a checkpoint: fetches their inclusion proofs and verifies
 * each against the leaf it was served. Returns index → 'ok' or the crypto/ error code. With
 * `strict`, also expects the answer to be at the checkpoint's size, one proof per entry, in order.
 */
export async function verifyEntries(
  client: HttpClient,
  checkpoint: OpenedCheckpoint,
  entries: LogEntryView[],
  { strict = false }: { strict?: boolean } = {},
): Promise<Record<number, string>> {
  const res = await client.get<InclusionProofsResponse>(
    `/api/log/proofs/inclusion?size=${checkpoint.size}&index=${entries.map((e) => e.index).join(',')}`,
  );
  expect(res.status, res.text).toBe(200);
  if (strict) {
    expect(res.body.size).toBe(checkpoint.size);
    expect(res.body.proofs.map((p) => p.index)).toEqual(entries.map((e) => e.index));
  }
  const answers: Record<number, string> = {};
  res.body.proofs.forEach((proof, i) => {
    answers[proof.index] = codeOf(() =>
      verifyInclusion(
        proof.index,
        checkpoint.size,
        leafHashOf(entries[i]!),
        proof.hashes.map(fromB64),
        checkpoint.rootHash,
      ),
    );
  });
  return answers;
}

/** What {@link verifyEntries} should answer: 'ok' for every entry but those named in `bad`. */
export const outcomes = (entries: { index: number }[], bad: Record<number, string> = {}) =>
  Object.fromEntries(entries.map((e) => [e.index, bad[e.index] ?? 'ok']));
