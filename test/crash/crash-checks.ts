import Database from 'better-sqlite3';
import {
  createDocumentDecryptor,
  decryptMetadata,
  fromBase64url,
  isCryptoError,
  openDocumentKey,
  verifyConsistency,
} from '../../crypto/src/index.js';
import type {
  ConsistencyProofResponse,
  DocumentListResponse,
  DocumentResponse,
  LogEntriesResponse,
  LogEntryView,
} from '../../server/src/contracts/index.js';
import {
  checkpointCovering,
  fromB64,
  verifyEntries,
  type AccessEvent,
} from '../helpers/access-log.js';
import type { TestResponse } from '../helpers/http-client.js';
import type { KeyedResident } from '../helpers/service-api.js';
import { versionKey, type OpenUpload, type SentVersion } from './crash-ledger.js';
import { keepCheckpoint, type Workload } from './crash-workload.js';

/**
 * What the crash harness checks once the vault is gone and again once it has restarted (issue 6):
 * the SQLite file is intact; every acknowledged version is there, whole, and decrypts to what was
 * sent, and nothing else is visible; acknowledged chunk runs are still there (the interrupted
 * upload resumes and completes); the log extends every checkpoint signed before the kill, and
 * holds an entry for every read the vault released, every request it acknowledged and every
 * version it stored. Losses go to `ledger.lost`, other findings to `ledger.unexpected`.
 */

/** Problems in the SQLite file, read through a read-only connection with no vault running. */
export function integrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    }
    const foreign = db.pragma('foreign_key_check') as unknown[];
    if (foreign.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreign)}`);
    // A complete version has every chunk; a visible document points at a complete version.
    const short = db
      .prepare(
        `SELECT v.document_id AS id, v.version, v.chunk_count AS expected,
                (SELECT COUNT(*) FROM document_chunks c
                  WHERE c.document_id = v.document_id AND c.version = v.version) AS stored
           FROM document_versions v WHERE v.status = 'complete'`,
      )
      .all() as { id: string; version: number; expected: number; stored: number }[];
    for (const v of short.filter((s) => s.stored !== s.expected)) {
      problems.push(
        `version ${v.id}/${v.version} is complete with ${v.stored}/${v.expected} chunks`,
      );
    }
    const dangling = db
      .prepare(
        `SELECT d.id FROM documents d WHERE d.current_version IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM document_versions v WHERE v.document_id = d.id
              AND v.version = d.current_version AND v.status = 'complete')`,
      )
      .pluck()
      .all();
    if (dangling.length > 0)
      problems.push(`documents visible without a complete version: ${dangling.join(', ')}`);
    return problems;
  } finally {
    db.close();
  }
}

/** What one round of checks covered. */
export interface CheckFigures {
  checkpointsProven: number;
  versionsDecrypted: number;
  uploadsResumed: number;
  entriesChecked: number;
}

/** The log entries each resident's client has read so far, by index (a cache across kills). */
export type EntryCache = Map<
  string,
  Map<number, { leaf: string; event: AccessEvent; included: boolean }>
>;

/** Runs every check after a restart. `final` re-reads and re-verifies everything, not just news. */
export async function checkAfterRestart(
  w: Workload,
  kill: number,
  cache: EntryCache,
  { final }: { final: boolean },
): Promise<CheckFigures> {
  const { ledger } = w;
  const lose = (what: string) => ledger.lost.push(`after kill ${kill}: ${what}`);
  const flag = (what: string) => ledger.unexpected.push(`after kill ${kill}: ${what}`);
  const figures: CheckFigures = {
    checkpointsProven: 0,
    versionsDecrypted: 0,
    uploadsResumed: 0,
    entriesChecked: 0,
  };

  const ready = await fetch(new URL('/readyz', w.vault.origin));
  if (ready.status !== 200) flag(`/readyz answered ${ready.status}: ${await ready.text()}`);

  // 1. The log extends every checkpoint signed before the kill (and, finally, all of them).
  figures.checkpointsProven += await proveCheckpoints(w, kill, final, lose);

  // 2. Acknowledged chunk runs survived: each interrupted upload resumes where the vault says.
  for (const open of ledger.openUploads.splice(0)) {
    if (await resumeUpload(w, open, lose, flag)) figures.uploadsResumed += 1;
  }

  // 3. Documents: every acknowledged version is there; everything visible is whole and decrypts.
  for (const owner of w.residents) {
    figures.versionsDecrypted += await checkDocuments(w, owner, final, lose, flag);
  }

  // 4. The log has an entry for every released read, acknowledged request and stored version.
  const size = await readEntries(w, cache, final, lose);
  figures.entriesChecked += checkEntries(w, cache, lose, flag);

  // 5. Every entry is in the tree of a signed checkpoint (inclusion proofs, crypto/). That
  // checkpoint is kept: the next kill's checks prove that the log extends it.
  const covering = await checkpointCovering(w.vault, w.trust, size, 15_000);
  keepCheckpoint(w, covering.note, kill + 1);
  for (const owner of w.residents) {
    const known = cache.get(owner.id)!;
    const todo = [...known.entries()]
      .filter(([, e]) => !e.included)
      .map(([index, e]) => ({ index, leaf: e.leaf }));
    for (let i = 0; i < todo.length; i += 1000) {
      const batch = todo.slice(i, i + 1000);
      const answers = await verifyEntries(owner.client, covering.checkpoint, batch);
      for (const e of batch) {
        if (answers[e.index] === 'ok') known.get(e.index)!.included = true;
        else flag(`entry ${e.index} does not verify in the tree of ${size}: ${answers[e.index]}`);
      }
    }
  }
  return figures;
}

/**
 * Proves, with a consistency proof the restarted vault serves and crypto/'s verifier, that its
 * latest checkpoint extends each checkpoint seen before kill `kill` (all of them when
 * `all`). Returns how many were proven.
 */
async function proveCheckpoints(
  w: Workload,
  kill: number,
  all: boolean,
  lose: (what: string) => void,
): Promise<number> {
  const res = await fetch(new URL('/log/checkpoint', w.vault.origin));
  const latestNote = await res.text();
  if (res.status !== 200) {
    if (w.ledger.checkpoints.size > 0) lose(`no checkpoint after the restart (${res.status})`);
    return 0;
  }
  const latest = keepCheckpoint(w, latestNote, kill + 1);
  const client = w.residents[0]!.client;
  let proven = 0;
  for (const seen of w.ledger.checkpoints.values()) {
    if (!all && seen.kill !== kill) continue;
    if (seen.size > latest.size) {
      lose(`checkpoint ${seen.size} was signed, but the log's latest is ${latest.size}`);
      continue;
    }
    if (seen.size === latest.size) {
      if (!Buffer.from(seen.rootHash).equals(Buffer.from(latest.rootHash))) {
        lose(`checkpoint ${seen.size} has another root after the restart`);
      } else proven += 1;
      continue;
    }
    const res = await client.get<ConsistencyProofResponse>(
      `/api/log/proofs/consistency?from=${seen.size}&to=${latest.size}`,
    );
    if (res.status !== 200) {
      lose(`no consistency proof from ${seen.size} to ${latest.size} (${res.status})`);
      continue;
    }
    try {
      verifyConsistency(
        seen.size,
        latest.size,
        res.body.hashes.map(fromB64),
        seen.rootHash,
        latest.rootHash,
      );
      proven += 1;
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      lose(`the log of ${latest.size} does not extend checkpoint ${seen.size}: ${error.code}`);
    }
  }
  return proven;
}

/**
 * Resumes an upload that the kill interrupted: the vault must still hold every chunk it
 * acknowledged (it may hold more, if a run in flight committed). Completes it; or, if the upload
 * is gone, its completion was in flight and committed, so the version must be visible.
 */
async function resumeUpload(
  w: Workload,
  open: OpenUpload,
  lose: (what: string) => void,
  flag: (what: string) => void,
): Promise<boolean> {
  const { sent, uploadId, chunks } = open;
  const client = sent.owner.client;
  let from = open.ackedChunks;
  let gone = false;
  while (!gone && from < chunks.length) {
    const res = await client.requestBytes<{ chunksReceived: number }>(
      'PUT',
      `/api/uploads/${uploadId}/chunks?from=${from}`,
      { body: Buffer.concat(chunks.slice(from, from + 2)) },
    );
    if (res.status === 200) {
      from = res.body.chunksReceived;
    } else if (res.status === 409) {
      const held = Number(/first (\d+) chunks/.exec(res.text)?.[1] ?? -1);
      if (held < open.ackedChunks) {
        lose(`upload ${uploadId} holds ${held} chunks, ${open.ackedChunks} were acknowledged`);
        return false;
      }
      from = held;
    } else if (res.status === 404) {
      gone = true;
    } else {
      flag(`resuming upload ${uploadId}: chunks answered ${res.status} ${res.text}`);
      return false;
    }
  }
  if (!gone) {
    const done = await client.post(`/api/uploads/${uploadId}/complete`, open.completion);
    if (done.status === 200) {
      w.ledger.acknowledged.set(versionKey(sent.documentId, sent.version), sent);
      w.ledger.current.set(sent.documentId, { owner: sent.owner, version: sent.version });
      return true;
    }
    if (done.status !== 404) {
      flag(`completing upload ${uploadId} answered ${done.status} ${done.text}`);
      return false;
    }
  }
  // Gone: only right if its completion committed before the kill.
  const found = await client.get<DocumentResponse>(`/api/documents/${sent.documentId}`);
  const visible =
    found.status === 200 && found.body.versions.some((v) => v.version === sent.version);
  if (!visible) {
    lose(
      `upload ${uploadId} (reserved, ${open.ackedChunks} chunks acknowledged) is gone and its ` +
        'version is not visible',
    );
  }
  return false;
}

/** Checks one resident's documents; returns how many versions it downloaded and decrypted. */
async function checkDocuments(
  w: Workload,
  owner: KeyedResident,
  final: boolean,
  lose: (what: string) => void,
  flag: (what: string) => void,
): Promise<number> {
  const { ledger } = w;
  const list = await owner.client.get<DocumentListResponse>('/api/documents');
  if (list.status !== 200) {
    flag(`the document list answered ${list.status}`);
    return 0;
  }
  const listed = new Map(list.body.documents.map((d) => [d.id, d]));
  for (const acked of ledger.acknowledged.values()) {
    if (acked.owner !== owner) continue;
    const shown = listed.get(acked.documentId);
    if (!shown || shown.current.version < acked.version) {
      lose(`version ${versionKey(acked.documentId, acked.version)} is not listed`);
    }
  }
  // A version sent but not visible in the list is not served either.
  for (const sent of ledger.sent.values()) {
    const shown = listed.get(sent.documentId);
    if (sent.owner !== owner || (shown && shown.current.version >= sent.version)) continue;
    if (ledger.acknowledged.has(versionKey(sent.documentId, sent.version))) continue;
    const path = `/api/documents/${sent.documentId}/versions/${sent.version}/content`;
    const res = await owner.client.requestBytes('GET', path);
    if (res.status !== 404) flag(`unlisted version ${path} answered ${res.status}`);
    if (!shown) {
      const found = await owner.client.get(`/api/documents/${sent.documentId}`);
      if (found.status !== 404)
        flag(`unlisted document ${sent.documentId} answered ${found.status}`);
    }
  }
  let decrypted = 0;
  for (const doc of listed.values()) {
    const newest = ledger.sent.get(versionKey(doc.id, doc.current.version));
    if (!newest || newest.owner !== owner) {
      flag(`document ${doc.id} v${doc.current.version} is visible, but nobody sent it`);
      continue;
    }
    // Versions are numbered from 1 without gaps; none is ever deleted here.
    if (doc.versionCount !== doc.current.version) {
      flag(`document ${doc.id} lists ${doc.versionCount} versions up to v${doc.current.version}`);
    }
    ledger.current.set(doc.id, { owner, version: doc.current.version });
    const todo: number[] = [];
    for (let v = 1; v <= doc.current.version; v++) {
      if (final || !ledger.verified.has(versionKey(doc.id, v))) todo.push(v);
    }
    if (todo.length === 0) continue;
    const found = await owner.client.get<DocumentResponse>(`/api/documents/${doc.id}`);
    if (found.status !== 200) {
      flag(`document ${doc.id} is listed, but answers ${found.status}`);
      continue;
    }
    for (const v of todo) {
      const key = versionKey(doc.id, v);
      const sent = ledger.sent.get(key);
      const view = found.body.versions.find((x) => x.version === v);
      const fail = ledger.acknowledged.has(key) ? lose : flag;
      if (!sent || !view) {
        fail(`version ${key} is ${view ? 'visible but was never sent' : 'missing'}`);
        continue;
      }
      const problem = await decryptsTo(w, owner, sent, view);
      if (problem) fail(`version ${key} ${problem}`);
      else {
        ledger.verified.add(key);
        decrypted += 1;
      }
    }
  }
  return decrypted;
}

/**
 * Downloads a version and decrypts it as the resident's browser would (the download is logged,
 * so it is tallied like the workload's); null when it matches what was sent.
 */
async function decryptsTo(
  w: Workload,
  owner: KeyedResident,
  sent: SentVersion,
  view: DocumentResponse['versions'][number],
): Promise<string | null> {
  const tally = w.ledger.tally(w.ledger.downloads, sent.documentId);
  tally.attempted += 1;
  const res = await owner.client.requestBytes(
    'GET',
    `/api/documents/${sent.documentId}/versions/${view.version}/content`,
  );
  if (res.status !== 200) return `does not download (${res.status})`;
  tally.released += 1;
  try {
    const ctx = { documentId: sent.documentId, version: view.version, ownerId: owner.id };
    const dk = openDocumentKey(
      fromBase64url(view.wrappedKey),
      owner.keys.x25519PublicKey,
      owner.keys.x25519SecretKey,
    );
    const metadata = decryptMetadata(dk, ctx, fromBase64url(view.metadata));
    const decryptor = createDocumentDecryptor(dk, ctx, fromBase64url(view.header), metadata.size);
    const plaintext = Buffer.concat([...decryptor.push(res.bytes), ...decryptor.finish()]);
    return plaintext.equals(sent.plaintext) ? null : 'decrypts to other bytes';
  } catch (error) {
    if (isCryptoError(error)) return `does not decrypt (${error.code})`;
    throw error;
  }
}

/**
 * Reads each resident's new entries (all of them when `final`, checking that none seen before has
 * gone or changed) into the cache. Returns the log size they imply (highest index + 1).
 */
async function readEntries(
  w: Workload,
  cache: EntryCache,
  final: boolean,
  lose: (what: string) => void,
): Promise<number> {
  let size = 0;
  for (const owner of w.residents) {
    const known = cache.get(owner.id) ?? new Map();
    const before: typeof known | null = final ? new Map(known) : null;
    if (final) known.clear();
    const newestKnown = Math.max(-1, ...known.keys());
    let cursor: number | null = null;
    for (;;) {
      const page: TestResponse<LogEntriesResponse> = await owner.client.get<LogEntriesResponse>(
        `/api/log/entries?limit=1000${cursor === null ? '' : `&before=${cursor}`}`,
      );
      if (page.status !== 200) throw new Error(`log entries answered ${page.status}`);
      const entries: LogEntryView[] = page.body.entries;
      for (const e of entries) {
        if (known.get(e.index)?.leaf === e.leaf) continue;
        known.set(e.index, {
          leaf: e.leaf,
          event: JSON.parse(e.leaf) as AccessEvent,
          included: false,
        });
      }
      const oldest = entries[entries.length - 1]?.index ?? -1;
      if (page.body.nextBefore === null || oldest <= newestKnown) break;
      cursor = page.body.nextBefore;
    }
    if (before) {
      for (const [index, e] of before) {
        if (known.get(index)?.leaf !== e.leaf) lose(`log entry ${index} changed or vanished`);
      }
    }
    cache.set(owner.id, known);
    size = Math.max(size, ...[...known.keys()].map((i) => i + 1));
  }
  return size;
}

/** Tallies the cached entries against the ledger; returns how many entries it matched. */
function checkEntries(
  w: Workload,
  cache: EntryCache,
  lose: (what: string) => void,
  flag: (what: string) => void,
): number {
  const { ledger } = w;
  const serviceReads = new Map<string, number>();
  const downloads = new Map<string, number>();
  const requests = new Set<string>();
  const requestsBy = new Map<string, number>();
  const stored = new Set<string>();
  let matched = 0;
  for (const [residentId, entries] of cache) {
    for (const { event } of entries.values()) {
      const count = (map: Map<string, number>, key: string) =>
        map.set(key, (map.get(key) ?? 0) + 1);
      if (event.action === 'document.read' && event.actor.kind === 'service') {
        count(serviceReads, `${String(event.grant)}/${event.document?.id}`);
      } else if (event.action === 'document.read' && event.actor.kind === 'resident') {
        count(downloads, event.document!.id);
      } else if (event.action === 'request.created') {
        requests.add(String(event.detail?.['request']));
        count(requestsBy, residentId);
      } else if (
        event.action === 'document.uploaded' ||
        event.action === 'document.version-added'
      ) {
        stored.add(versionKey(event.document!.id, event.document!.version ?? 0));
      }
    }
  }
  for (const [key, tally] of ledger.serviceReads) {
    const entries = serviceReads.get(key) ?? 0;
    if (entries < tally.released)
      lose(`${tally.released} reads of ${key} released, ${entries} logged`);
    else if (entries > tally.attempted)
      flag(`${entries} reads of ${key} logged, ${tally.attempted} sent`);
    matched += tally.released;
  }
  for (const [documentId, tally] of ledger.downloads) {
    const entries = downloads.get(documentId) ?? 0;
    if (entries < tally.released) {
      lose(`${tally.released} downloads of ${documentId} released, ${entries} logged`);
    } else if (entries > tally.attempted) {
      flag(`${entries} downloads of ${documentId} logged, ${tally.attempted} sent`);
    }
    matched += tally.released;
  }
  for (const [requestId] of ledger.requestsAcknowledged) {
    if (!requests.has(requestId)) lose(`request ${requestId} was acknowledged, but not logged`);
    else matched += 1;
  }
  for (const [residentId, attempted] of ledger.requestsAttempted) {
    const logged = requestsBy.get(residentId) ?? 0;
    if (logged > attempted) flag(`${logged} requests logged for ${residentId}, ${attempted} sent`);
  }
  for (const key of ledger.acknowledged.keys()) {
    if (!stored.has(key)) lose(`version ${key} was stored without its log entry`);
    else matched += 1;
  }
  return matched;
}
