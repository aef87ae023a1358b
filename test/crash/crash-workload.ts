import { randomBytes, randomUUID } from 'node:crypto';
import {
  createDocumentEncryptor,
  encryptMetadata,
  generateDocumentKey,
  openCheckpoint,
  sealDocumentKey,
  streamLayout,
  toBase64url,
} from '../../crypto/src/index.js';
import type {
  CreateUploadResponse,
  DocumentCategory,
  PutVersionPrelude,
} from '../../server/src/contracts/index.js';
import type { LogTrust } from '../helpers/access-log.js';
import { bearer, serviceUrl } from '../helpers/city-services.js';
import type { SeededRandom } from '../helpers/seeded-random.js';
import {
  daysAfter,
  decryptGranted,
  frameBody,
  PURPOSE,
  type KeyedResident,
  type SealingService,
  type StoredDocument,
} from '../helpers/service-api.js';
import type { VaultProcess } from '../helpers/vault-process.js';
import { versionKey, type CrashLedger, type SentVersion } from './crash-ledger.js';

/**
 * The load the crash harness drives at a vault until it kills it (issue 6): residents uploading
 * encrypted documents (in one request, or reserved and sent in runs of chunks, and new versions),
 * a city service reading granted documents and filing requests, residents downloading their own
 * documents (each read appends a log entry), and a watcher that keeps every checkpoint the vault
 * signs. Every answer is written into the ledger; the kill comes after a number of acknowledged
 * operations drawn from the seeded generator, then a drawn number of event-loop turns.
 */

/** A granted document the service may read. */
export interface GrantedRead {
  grantId: string;
  document: StoredDocument;
  owner: KeyedResident;
}

/** What the workers share. */
export interface Workload {
  vault: VaultProcess;
  ledger: CrashLedger;
  random: SeededRandom;
  residents: KeyedResident[];
  service: SealingService;
  serviceToken: string;
  granted: GrantedRead[];
  trust: LogTrust;
}

/** When to kill: after `acks` acknowledged operations, then `turns` turns of the event loop. */
export interface KillPlan {
  kill: number;
  acks: number;
  turns: number;
}

/** What one run of load until a kill did. */
export interface CycleFigures {
  acks: number;
  /** Requests whose answer never came (in flight at the kill). */
  inFlight: number;
}

const CATEGORIES: DocumentCategory[] = ['identity', 'tax', 'health', 'residence'];

/** The state one cycle's workers share: counts, the kill, and a wake-up for the watcher. */
class CycleState {
  readonly kill: number;
  acks = 0;
  inFlight = 0;
  /** Set just before SIGKILL is sent: from then on a failed request is expected. */
  killSent = false;
  #killing: Promise<void> | null = null;
  #wake: (() => void)[] = [];
  readonly #plan: KillPlan;
  readonly #vault: VaultProcess;
  readonly #ledger: CrashLedger;

  constructor(plan: KillPlan, vault: VaultProcess, ledger: CrashLedger) {
    this.kill = plan.kill;
    this.#plan = plan;
    this.#vault = vault;
    this.#ledger = ledger;
  }

  /** An operation was acknowledged; kills the vault when the plan says so. */
  ack(): void {
    this.acks += 1;
    this.#wakeAll();
    if (this.acks >= this.#plan.acks) this.#killing ??= this.#kill();
  }

  /** A request failed: expected once the kill is sent, else a finding. */
  failed(what: string, detail: unknown): void {
    if (this.killSent) {
      this.inFlight += 1;
      return;
    }
    this.#ledger.unexpected.push(
      `kill ${this.#plan.kill}: ${what}: ${detail instanceof Error ? detail.message : String(detail)}`,
    );
  }

  /** Resolves at the next acknowledgement (or the kill). */
  nextAck(): Promise<void> {
    if (this.killSent) return Promise.resolve();
    return new Promise((resolve) => this.#wake.push(resolve));
  }

  /** Kills now if the plan did not (every worker stopped early: already a finding). */
  async killed(): Promise<void> {
    this.#killing ??= this.#kill();
    await this.#killing;
  }

  async #kill(): Promise<void> {
    for (let i = 0; i < this.#plan.turns; i++) await new Promise((r) => setImmediate(r));
    this.killSent = true;
    this.#wakeAll();
    await this.#vault.kill();
  }

  #wakeAll(): void {
    const waiting = this.#wake;
    this.#wake = [];
    for (const wake of waiting) wake();
  }
}

/** Drives the load until the vault is killed and every worker has stopped. */
export async function driveUntilKilled(w: Workload, plan: KillPlan): Promise<CycleFigures> {
  const state = new CycleState(plan, w.vault, w.ledger);
  const workers = [
    ...w.residents.map((r) => uploader(w, state, r)),
    ...w.residents.map((r) => partsUploader(w, state, r)),
    serviceReader(w, state),
    serviceReader(w, state),
    requester(w, state),
    downloader(w, state),
    checkpointWatcher(w, state),
  ];
  await Promise.all(workers);
  if (!state.killSent) {
    w.ledger.unexpected.push(`kill ${plan.kill}: every worker stopped before the kill`);
  }
  await state.killed();
  return { acks: state.acks, inFlight: state.inFlight };
}

/** Runs `step` until the kill is sent; a thrown error is recorded and the worker goes on. */
async function loop(state: CycleState, what: string, step: () => Promise<void>): Promise<void> {
  while (!state.killSent) {
    try {
      await step();
    } catch (error) {
      state.failed(what, error);
      // A finding while the vault lives: stop this worker rather than spin on it.
      if (!state.killSent) return;
    }
  }
}

// --- residents' uploads -------------------------------------------------------------------------

/** Encrypts `plaintext` as version `version` of `documentId` for its owner (crypto/). */
function encryptVersion(sent: SentVersion) {
  const ctx = { documentId: sent.documentId, version: sent.version, ownerId: sent.owner.id };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, sent.plaintext.length);
  const chunks = [...encryptor.push(sent.plaintext), ...encryptor.finish()];
  return {
    chunks,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, sent.owner.keys.x25519PublicKey)),
    metadata: toBase64url(
      encryptMetadata(dk, ctx, {
        name: `crash-${sent.documentId.slice(0, 8)}-v${sent.version}.pdf`,
        type: 'application/pdf',
        size: sent.plaintext.length,
      }),
    ),
  };
}

/** One resident's uploads, one at a time: new documents both ways, and new versions. */
function uploader(w: Workload, state: CycleState, owner: KeyedResident): Promise<void> {
  return loop(state, `upload by ${owner.id}`, async () => {
    const roll = w.random.next();
    const mine = [...w.ledger.current].filter(([, c]) => c.owner === owner);
    if (roll < 0.4) await putVersion(w, state, owner, null);
    else if (roll < 0.8 || mine.length === 0) await uploadInParts(w, state, owner);
    else await putVersion(w, state, owner, w.random.pick(mine));
  });
}

/** A second uploader per resident, of new documents only (so no two race for a version). */
function partsUploader(w: Workload, state: CycleState, owner: KeyedResident): Promise<void> {
  return loop(state, `upload in parts by ${owner.id}`, () => uploadInParts(w, state, owner));
}

/** `PUT /api/documents/:id/versions/:n`: a new document (1–4 chunks) or a new version. */
async function putVersion(
  w: Workload,
  state: CycleState,
  owner: KeyedResident,
  existing: [string, { version: number }] | null,
): Promise<void> {
  const documentId = existing?.[0] ?? randomUUID();
  const version = existing ? existing[1].version + 1 : 1;
  const category = existing
    ? w.ledger.sent.get(versionKey(documentId, 1))!.category
    : w.random.pick(CATEGORIES);
  const sent: SentVersion = {
    owner,
    documentId,
    version,
    category,
    plaintext: randomBytes(w.random.int(1, 200_000)),
    via: 'put',
  };
  const { chunks, ...parts } = encryptVersion(sent);
  const prelude: PutVersionPrelude = { category, chunkCount: chunks.length, ...parts };
  w.ledger.sent.set(versionKey(documentId, version), sent);
  // Unsettled until the answer (or the check after a restart) says which version is current.
  w.ledger.current.delete(documentId);
  const res = await owner.client.requestBytes(
    'PUT',
    `/api/documents/${documentId}/versions/${version}`,
    {
      body: frameBody(prelude, chunks),
    },
  );
  if (res.status !== 201) throw new Error(`PUT version answered ${res.status}: ${res.text}`);
  w.ledger.acknowledged.set(versionKey(documentId, version), sent);
  w.ledger.current.set(documentId, { owner, version });
  state.ack();
}

/** Reserve, send the chunks in runs of one or two, complete: a new document of 2–6 chunks. */
async function uploadInParts(w: Workload, state: CycleState, owner: KeyedResident): Promise<void> {
  const plaintext = randomBytes(w.random.int(70_000, 330_000));
  const category = w.random.pick(CATEGORIES);
  const layout = streamLayout(plaintext.length);
  const reserved = await owner.client.post<CreateUploadResponse>('/api/uploads', {
    category,
    size: layout.ciphertextLength,
    chunkCount: layout.chunkCount,
  });
  if (reserved.status !== 201) throw new Error(`POST /api/uploads answered ${reserved.status}`);
  w.ledger.reservationsAcknowledged += 1;
  state.ack();
  const { uploadId, documentId, version } = reserved.body;
  const sent: SentVersion = { owner, documentId, version, category, plaintext, via: 'parts' };
  const { chunks, ...completion } = encryptVersion(sent);
  const open = { sent, uploadId, chunks, ackedChunks: 0, completion };
  w.ledger.sent.set(versionKey(documentId, version), sent);
  w.ledger.openUploads.push(open);

  while (open.ackedChunks < chunks.length) {
    const from = open.ackedChunks;
    const run = chunks.slice(from, from + w.random.int(1, 2));
    const res = await owner.client.requestBytes(
      'PUT',
      `/api/uploads/${uploadId}/chunks?from=${from}`,
      { body: Buffer.concat(run) },
    );
    if (res.status !== 200) throw new Error(`PUT chunks answered ${res.status}: ${res.text}`);
    open.ackedChunks = from + run.length;
    w.ledger.chunkRunsAcknowledged += 1;
    state.ack();
  }
  const done = await owner.client.post(`/api/uploads/${uploadId}/complete`, completion);
  if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${done.text}`);
  w.ledger.openUploads.splice(w.ledger.openUploads.indexOf(open), 1);
  w.ledger.acknowledged.set(versionKey(documentId, version), sent);
  w.ledger.current.set(documentId, { owner, version });
  state.ack();
}

// --- reads and other log appends --------------------------------------------------------------------

/** A city service's reads of granted documents; each released one must decrypt to the original. */
function serviceReader(w: Workload, state: CycleState): Promise<void> {
  return loop(state, 'service read', async () => {
    const target = w.random.pick(w.granted);
    const tally = w.ledger.tally(w.ledger.serviceReads, `${target.grantId}/${target.document.id}`);
    tally.attempted += 1;
    const res = await fetch(
      serviceUrl(
        w.vault,
        `/api/v1/service/grants/${target.grantId}/documents/${target.document.id}?purpose=${PURPOSE}`,
      ),
      { headers: bearer(w.serviceToken) },
    );
    if (res.status !== 200) throw new Error(`granted read answered ${res.status}`);
    // The key left with this answer's first bytes: from here on its log entry must exist.
    tally.released += 1;
    state.ack();
    const { plaintext } = decryptGranted(Buffer.from(await res.arrayBuffer()), w.service.sealing);
    if (!plaintext.equals(target.document.plaintext)) {
      w.ledger.unexpected.push(`a granted read of ${target.document.id} decrypted to other bytes`);
    }
  });
}

/** The service files requests for residents (each a request row and a `request.created` entry). */
function requester(w: Workload, state: CycleState): Promise<void> {
  return loop(state, 'service request', async () => {
    const resident = w.random.pick(w.residents);
    w.ledger.requestsAttempted.set(
      resident.id,
      (w.ledger.requestsAttempted.get(resident.id) ?? 0) + 1,
    );
    const res = await fetch(serviceUrl(w.vault, '/api/v1/service/requests'), {
      method: 'POST',
      headers: { ...bearer(w.serviceToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        nationalId: resident.nationalId,
        categories: ['tax'],
        purpose: PURPOSE,
        legalBasis: 'public-task',
        retentionDays: 30,
        answerBy: daysAfter(new Date(), 14),
      }),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`request answered ${res.status}: ${text}`);
    const { request } = JSON.parse(text) as { request: { id: string } };
    w.ledger.requestsAcknowledged.set(request.id, resident.id);
    state.ack();
  });
}

/** Residents download their own acknowledged versions (a `document.read` entry each). */
function downloader(w: Workload, state: CycleState): Promise<void> {
  return loop(state, 'resident download', async () => {
    const versions = [...w.ledger.acknowledged.values()];
    const target = w.random.pick(versions);
    const tally = w.ledger.tally(w.ledger.downloads, target.documentId);
    tally.attempted += 1;
    const res = await fetch(
      new URL(
        `/api/documents/${target.documentId}/versions/${target.version}/content`,
        w.vault.origin,
      ),
      { headers: { cookie: target.owner.client.cookieHeader() } },
    );
    if (res.status !== 200) throw new Error(`download answered ${res.status}`);
    tally.released += 1;
    state.ack();
    await res.arrayBuffer();
  });
}

/** After every acknowledgement, fetches the public checkpoint and keeps each one it sees. */
function checkpointWatcher(w: Workload, state: CycleState): Promise<void> {
  return loop(state, 'checkpoint', async () => {
    await state.nextAck();
    if (state.killSent) return;
    const res = await fetch(new URL('/log/checkpoint', w.vault.origin));
    const note = await res.text();
    if (res.status === 404) return; // nothing signed yet
    if (res.status !== 200) throw new Error(`checkpoint answered ${res.status}`);
    keepCheckpoint(w, note, state.kill);
  });
}

/** Opens a served checkpoint (signature, origin) and keeps it; a second root for a size is a finding. */
export function keepCheckpoint(w: Workload, note: string, kill: number) {
  const opened = openCheckpoint(note, { origin: w.trust.origin, verifiers: [w.trust.verifier] });
  const known = w.ledger.checkpoints.get(opened.size);
  if (known === undefined) {
    w.ledger.checkpoints.set(opened.size, {
      size: opened.size,
      rootHash: opened.rootHash,
      note,
      kill,
    });
  } else if (!Buffer.from(known.rootHash).equals(Buffer.from(opened.rootHash))) {
    w.ledger.unexpected.push(`two signed checkpoints of size ${opened.size} with different roots`);
  }
  return opened;
}
