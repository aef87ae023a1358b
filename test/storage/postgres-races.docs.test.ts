import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import {
  CHUNK_FRAMING,
  type CreateUploadInput,
  type PutVersionInput,
  type UploadRecord,
} from '../../server/src/storage/ports.js';
import { makePostgresStorage } from '../helpers/postgres.js';

/**
 * Two vault nodes (two PostgresStorage instances, two pools) on one database, writing documents for
 * the same resident at the same moment. SQLite runs one writer at a time, so the contract suite
 * cannot show these races; here each test fails if documents.ts drops its row locks (the quota is
 * overshot, or the loser throws a key violation instead of getting its typed refusal).
 */
describe('PostgreSQL documents: two nodes racing for one resident', () => {
  let nodeA: PostgresStorage;
  let nodeB: PostgresStorage;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const made = await makePostgresStorage();
    nodeA = made.storage;
    nodeB = await PostgresStorage.open(made.database.url, { poolSize: 4 });
    cleanup = async () => {
      await nodeB.close();
      await made.cleanup();
    };
  });

  afterEach(async () => {
    await cleanup();
  });

  const T0 = new Date('2031-03-14T09:26:53.589Z');
  const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
  const FULL = CHUNK_FRAMING.fullChunkBytes;
  const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
  const sealed = () => ({ header: bytes(24), wrappedKey: bytes(80), metadata: bytes(300) });
  /** Node A for even `i`, node B for odd: requests spread round-robin. */
  const node = (i: number): PostgresStorage => (i % 2 === 0 ? nodeA : nodeB);

  /** An enrolled resident (on node A), ready to store documents. */
  const enrolledResident = async (): Promise<string> => {
    const resident = await nodeA.upsertResidentFromEid(
      {
        issuer: 'https://eid.example.city',
        subject: randomUUID(),
        nationalId: null,
        displayName: 'Ada Lovelace',
        birthdate: null,
        acr: null,
      },
      T0,
    );
    const keys = {
      residentId: resident.id,
      x25519PublicKey: bytes(32),
      ed25519PublicKey: bytes(32),
      secretKeysEnvelope: bytes(120),
      createdAt: T0,
    };
    const slot = {
      id: randomUUID(),
      residentId: resident.id,
      kind: 'passphrase' as const,
      credentialId: null,
      envelope: bytes(150),
      createdAt: T0,
    };
    expect(await nodeA.enrol(keys, [slot])).toBe('enrolled');
    return resident.id;
  };

  const uploadInput = (
    residentId: string,
    size: number,
    limits: CreateUploadInput['limits'],
    overrides: Partial<CreateUploadInput> = {},
  ): CreateUploadInput => ({
    uploadId: randomUUID(),
    residentId,
    newDocument: true,
    documentId: randomUUID(),
    category: 'tax',
    size,
    chunkCount: Math.ceil(size / FULL),
    now: T0,
    expiresAt: at(60),
    limits,
    ...overrides,
  });

  const putInput = (
    residentId: string,
    documentId: string,
    version: number,
    chunks: Uint8Array[],
    limits: PutVersionInput['limits'],
  ): PutVersionInput => ({
    residentId,
    documentId,
    version,
    category: 'tax',
    chunks,
    ...sealed(),
    now: T0,
    limits,
  });

  const createdOn = async (storage: PostgresStorage, input: CreateUploadInput) => {
    const result = await storage.createUpload(input);
    if (!result.ok) throw new Error(`createUpload refused: ${result.reason}`);
    return result.upload;
  };

  /** Rows of `documentId` left in the versions and chunks tables, read past the port. */
  const rowsLeft = async (documentId: string) => {
    const { rows } = await nodeA.pool.query<{ versions: number; chunks: number }>(
      `SELECT (SELECT COUNT(*) FROM document_versions WHERE document_id = $1)::int AS versions,
              (SELECT COUNT(*) FROM document_chunks WHERE document_id = $1)::int AS chunks`,
      [documentId],
    );
    return rows[0];
  };

  it('never lets uploads and whole-version writes started on both nodes at once overshoot the quota', async () => {
    const residentId = await enrolledResident();
    const limits = { quotaBytes: 5 * FULL, maxDocumentBytes: 2 * FULL };
    // 12 writers of one full chunk each, alternating nodes and kinds: room for exactly 5.
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const storage = node(i);
        if (i % 4 < 2) return storage.createUpload(uploadInput(residentId, FULL, limits));
        return storage.putVersion(putInput(residentId, randomUUID(), 1, [bytes(FULL)], limits));
      }),
    );
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(5);
    expect(refused.map((r) => !r.ok && r.reason)).toEqual(Array(7).fill('quota-exceeded'));
    for (const storage of [nodeA, nodeB]) {
      expect((await storage.getVaultState(residentId, T0)).usedBytes).toBe(5 * FULL);
    }
  });

  it('numbers the versions of one document apart when both nodes add one at once', async () => {
    const residentId = await enrolledResident();
    const limits = { quotaBytes: 100 * FULL, maxDocumentBytes: 2 * FULL };
    const first = await nodeA.putVersion(
      putInput(residentId, randomUUID(), 1, [bytes(500)], limits),
    );
    if (!first.ok) throw new Error(`putVersion refused: ${first.reason}`);
    const documentId = first.document.id;

    // Six uploads of a new version at once: six distinct numbers, 2 to 7.
    const uploads = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        createdOn(
          node(i),
          uploadInput(residentId, 700, limits, { newDocument: false, documentId }),
        ),
      ),
    );
    expect(uploads.map((u) => u.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);

    // Version 8 written whole on both nodes at once, with different content: one is stored, the
    // other is refused as a conflict (not a retry: its header differs), and nothing of it is kept.
    const contenders = [0, 1].map(() => putInput(residentId, documentId, 8, [bytes(900)], limits));
    const results = await Promise.all(contenders.map((input, i) => node(i).putVersion(input)));
    const won = results.findIndex((r) => r.ok);
    expect(won).not.toBe(-1);
    expect(results[1 - won]).toEqual({ ok: false, reason: 'conflict' });
    const chunks = await nodeB.readChunks(residentId, documentId, 8, 0, 10);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(contenders[won]!.chunks[0]!));
    expect((await nodeB.getDocument(residentId, documentId))?.document.current.header).toEqual(
      contenders[won]!.header,
    );
  });

  it('lets exactly one of two appends of the same chunk, one per node, store it', async () => {
    const residentId = await enrolledResident();
    const limits = { quotaBytes: 100 * FULL, maxDocumentBytes: 4 * FULL };
    for (let round = 0; round < 5; round += 1) {
      const upload: UploadRecord = await createdOn(
        nodeA,
        uploadInput(residentId, FULL + 400, limits),
      );
      const tries = [bytes(FULL), bytes(FULL)];
      const results = await Promise.all(
        tries.map((chunk, i) =>
          node(i).appendChunks({
            uploadId: upload.uploadId,
            residentId,
            fromIndex: 0,
            chunks: [chunk],
            now: at(1),
            expiresAt: at(61),
          }),
        ),
      );
      const won = results.findIndex((r) => r.ok);
      expect(won, `round ${round}`).not.toBe(-1);
      const lost = results[1 - won]!;
      expect(lost.ok, `round ${round}`).toBe(false);
      expect(!lost.ok && lost.reason, `round ${round}`).toBe('out-of-order');
      expect(!lost.ok && lost.reason === 'out-of-order' && lost.upload.chunksReceived).toBe(1);

      const last = await nodeB.appendChunks({
        uploadId: upload.uploadId,
        residentId,
        fromIndex: 1,
        chunks: [bytes(400)],
        now: at(2),
        expiresAt: at(62),
      });
      expect(last.ok).toBe(true);
      const done = await nodeA.completeUpload({
        uploadId: upload.uploadId,
        residentId,
        ...sealed(),
        now: at(3),
      });
      expect(done.ok).toBe(true);
      const [first] = await nodeA.readChunks(residentId, upload.documentId, 1, 0, 1);
      expect(Buffer.from(first!)).toEqual(Buffer.from(tries[won]!));
      expect(await rowsLeft(upload.documentId)).toEqual({ versions: 1, chunks: 2 });
    }
  });

  it('leaves no orphan version or chunk when a deletion races a completion on the other node', async () => {
    const residentId = await enrolledResident();
    const limits = { quotaBytes: 100 * FULL, maxDocumentBytes: 4 * FULL };
    for (let round = 0; round < 4; round += 1) {
      const first = await nodeA.putVersion(
        putInput(residentId, randomUUID(), 1, [bytes(300)], limits),
      );
      if (!first.ok) throw new Error(`putVersion refused: ${first.reason}`);
      const documentId = first.document.id;
      const upload = await createdOn(
        nodeA,
        uploadInput(residentId, FULL + 200, limits, { newDocument: false, documentId }),
      );
      const appended = await nodeA.appendChunks({
        uploadId: upload.uploadId,
        residentId,
        fromIndex: 0,
        chunks: [bytes(FULL), bytes(200)],
        now: at(1),
        expiresAt: at(61),
      });
      expect(appended.ok).toBe(true);

      // Alternate which node completes and which deletes.
      const [completer, deleter] = round % 2 === 0 ? [nodeA, nodeB] : [nodeB, nodeA];
      const [completed, deleted] = await Promise.all([
        completer.completeUpload({
          uploadId: upload.uploadId,
          residentId,
          ...sealed(),
          now: at(2),
        }),
        deleter.deleteDocument(residentId, documentId),
      ]);
      expect(deleted, `round ${round}`).toBe(true);
      // The completion went first (and was then deleted with the rest) or found nothing to complete.
      if (!completed.ok) expect(completed).toEqual({ ok: false, reason: 'not-found' });
      expect(await nodeA.getDocument(residentId, documentId)).toBeNull();
      expect(await rowsLeft(documentId)).toEqual({ versions: 0, chunks: 0 });
      expect((await nodeB.getVaultState(residentId, at(2))).usedBytes).toBe(0);
    }
  });
});
