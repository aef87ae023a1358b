import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  asHash,
  openCheckpoint,
  parseSignerKey,
  proveConsistency,
  sodiumReady,
  toBase64url,
  treeRoot,
  verifyConsistency,
  type Hash,
} from '../../crypto/src/index.js';
import { copyToPostgres, TABLE_ORDER } from '../../server/src/backup/copy-to-postgres.js';
import { runAdmin } from '../../server/src/cli/admin.js';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import type { ConsistencyProofResponse } from '../../server/src/contracts/index.js';
import { checkpointCovering, fromB64, trustOf } from '../helpers/access-log.js';
import { readBack } from '../helpers/durability.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { HttpClient } from '../helpers/http-client.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../helpers/postgres.js';
import {
  daysAfter,
  decryptGranted,
  frameBody,
  grantRequest,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
  type KeyedResident,
  type SealingService,
  type StoredDocument,
} from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * `npm run admin -- migrate-to-postgres` (issue 7): a town's SQLite vault, made by a real vault
 * over real HTTP (residents, multi-chunk documents with several versions, a grant, service reads,
 * signed checkpoints), copied into a fresh database on the real PostgreSQL 15 of this machine.
 * Every table's rows are compared value for value; a vault then starts on PostgreSQL (its SQLite
 * file moved away, so it cannot fall back to it) and every document decrypts, the log is consistent
 * with every checkpoint signed before the migration, and a service read works and is logged.
 * Refusals and a failure mid-copy leave the target as it was.
 */

interface Source {
  dir: string;
  port: number;
  service: SealingService;
  residents: { resident: KeyedResident; accountId: string; documents: StoredDocument[] }[];
  /** Document id → plaintext of each version, 1-based. */
  versions: Map<string, Buffer[]>;
  grant: { id: string; documentId: string; plaintext: Buffer };
  logSize: number;
}

let source: Source;
const vaults: TestVault[] = [];
const databases: TestDatabase[] = [];
const dirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A copy of the source's data directory (database and key files), for one test to use up. */
function copyOfSource(): string {
  const dir = tempDir('cv-migrate-src-');
  for (const name of fs.readdirSync(source.dir)) {
    fs.copyFileSync(path.join(source.dir, name), path.join(dir, name));
  }
  return dir;
}

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  return database;
}

async function admin(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runAdmin(
    argv,
    { VAULT_LOG_LEVEL: 'silent', ...env },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** A value as text both databases agree on: BLOB/bytea as hex, numbers (int8 comes as text). */
const cell = (value: unknown): string | null =>
  value === null ? null : Buffer.isBuffer(value) ? `x${value.toString('hex')}` : String(value);

function columnsOf(db: Database.Database, table: string) {
  const info = db.pragma(`table_info(${table})`) as { name: string; pk: number }[];
  return {
    names: info.map((c) => c.name),
    keyAt: info
      .map((c, i) => ({ pk: c.pk, i }))
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.i),
  };
}

/** Rows as text, sorted by their primary key's cells (the same order for both databases). */
function sortedByKey(rows: unknown[][], keyAt: number[]): (string | null)[][] {
  const key = (row: (string | null)[]) => JSON.stringify(keyAt.map((i) => row[i]));
  return rows
    .map((r) => r.map(cell))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Every row of every table of the SQLite file, as text. */
function sqliteRows(file: string): Record<string, (string | null)[][]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      TABLE_ORDER.map((table) => {
        const { names, keyAt } = columnsOf(db, table);
        const rows = db
          .prepare(`SELECT ${names.join(', ')} FROM ${table}`)
          .raw()
          .all() as unknown[][];
        return [table, sortedByKey(rows, keyAt)];
      }),
    );
  } finally {
    db.close();
  }
}

/** The same from PostgreSQL, with SQLite's columns. */
async function postgresRows(url: string, file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const all: Record<string, (string | null)[][]> = {};
    for (const table of TABLE_ORDER) {
      const { names, keyAt } = columnsOf(db, table);
      const res = await client.query({
        text: `SELECT ${names.join(', ')} FROM ${table}`,
        rowMode: 'array',
      });
      all[table] = sortedByKey(res.rows as unknown[][], keyAt);
    }
    return all;
  } finally {
    await client.end();
    db.close();
  }
}

async function pgQuery<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Rows per table in the target (every table is empty in a target nothing was written to). */
async function targetCounts(url: string) {
  const counts: Record<string, number> = {};
  for (const table of [...TABLE_ORDER, 'log_head']) {
    const column = table === 'log_head' ? 'SUM(size)' : 'COUNT(*)';
    const [row] = await pgQuery<{ n: string | null }>(url, `SELECT ${column} AS n FROM ${table}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

beforeAll(async () => {
  await sodiumReady();
  // The town's vault: two residents, multi-chunk documents (150 kB: three 64 KiB chunks), a
  // second and third version of one, a grant to a service that reads it twice, checkpoints every
  // 100 ms. Stopped, its data directory is the source every test copies.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-migrate-town-'));
  const vault = await startVault({ dataDir: dir, env: { VAULT_LOG_CHECKPOINT_MS: '100' } });
  try {
    const service = await registerSealingService(vault);
    const api = serviceApi(vault, await serviceToken(vault, service));
    const maria = await keyedResident(vault, 'demo-maria-rossi');
    const luca = await keyedResident(vault, 'demo-luca-bianchi');
    const versions = new Map<string, Buffer[]>();
    const store = async (r: KeyedResident, bytes: number) => {
      const document = await storeEncrypted(r, randomBytes(bytes));
      versions.set(document.id, [document.plaintext]);
      return document;
    };
    const mariaDocs = [await store(maria, 150_000), await store(maria, 40_000)];
    const lucaDocs = [await store(luca, 200_000)];
    for (const version of [2, 3]) {
      const next = await storeEncrypted(maria, randomBytes(70_000 * version), 'identity', 'v.pdf', {
        id: mariaDocs[1]!.id,
        version,
      });
      versions.get(next.id)!.push(next.plaintext);
    }
    const request = await api.post<{ request: { id: string } }>('/requests', {
      nationalId: maria.nationalId,
      categories: ['identity'],
      purpose: PURPOSE,
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: daysAfter(new Date(), 14),
    });
    expect(request.status).toBe(201);
    const grant = await grantRequest(vault, maria, service, request.body.request.id, [
      mariaDocs[0]!,
    ]);
    for (let i = 0; i < 2; i++) {
      const read = await api.get(
        `/grants/${grant.id}/documents/${mariaDocs[0]!.id}?purpose=${PURPOSE}`,
      );
      expect(read.status).toBe(200);
    }
    const logSize = vault.countRows('log_entries');
    await checkpointCovering(vault, await trustOf(maria.client), logSize);
    source = {
      dir,
      port: Number(new URL(vault.origin).port),
      service,
      residents: [
        { resident: maria, accountId: 'demo-maria-rossi', documents: mariaDocs },
        { resident: luca, accountId: 'demo-luca-bianchi', documents: lucaDocs },
      ],
      versions,
      grant: { id: grant.id, documentId: mariaDocs[0]!.id, plaintext: mariaDocs[0]!.plaintext },
      logSize,
    };
  } finally {
    await vault.close();
  }
}, 120_000);

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  if (source !== undefined) fs.rmSync(source.dir, { recursive: true, force: true });
});

describe('npm run admin -- migrate-to-postgres', () => {
  it('copies every row of every table, in one transaction, and says what to copy to the nodes; never prints the password', async () => {
    const dir = copyOfSource();
    const database = await freshDatabase();
    const file = path.join(dir, 'vault.sqlite');
    const res = await admin(['migrate-to-postgres', '--to', database.url], {
      VAULT_DATA_DIR: dir,
      VAULT_PORT: String(source.port),
    });
    expect(res.status, res.err).toBe(0);
    expect(res.out).toContain(`${sqliteRows(file).residents!.length} residents`);
    expect(res.out).toContain(`${source.logSize} entries`);
    expect(res.out).toMatch(/[1-9]\d* signed checkpoints verified/);
    expect(res.out).toContain(path.join(dir, 'log-signer.key'));
    expect(res.out).toContain(path.join(dir, 'receipt-signer.key'));
    expect(res.out).toContain('VAULT_SESSION_SECRET');
    const password = new URL(TEST_POSTGRES_URL).password;
    expect(password).not.toBe('');
    expect(`${res.out}\n${res.err}`).not.toContain(`:${password}@`);
    expect(res.err).toContain(':***@');

    const want = sqliteRows(file);
    const got = await postgresRows(database.url, file);
    for (const table of TABLE_ORDER) expect([table, got[table]]).toEqual([table, want[table]]);
    // The source was what the town's vault held: chunks of every version, the grant, the log.
    expect(want.document_chunks!.length).toBeGreaterThanOrEqual(3 + 1 + 3 + 4 + 4);
    expect(want.document_versions!.length).toBe(5);
    expect(want.grant_keys!.length).toBe(1);
    expect(want.log_entries!.length).toBe(source.logSize);
    expect(want.log_checkpoints!.length).toBeGreaterThan(0);
    const [head] = await pgQuery<{ size: string }>(database.url, 'SELECT size FROM log_head');
    expect(Number(head!.size)).toBe(source.logSize);
    // Key slots keep SQLite's insertion order (the rowid, as seq), and new slots come after.
    const sqlite = new Database(file, { readonly: true });
    const order = sqlite
      .prepare('SELECT id FROM key_slots ORDER BY resident_id, created_at, rowid')
      .pluck()
      .all();
    sqlite.close();
    const slots = await pgQuery<{ id: string }>(
      database.url,
      'SELECT id FROM key_slots ORDER BY resident_id, created_at, seq',
    );
    expect(slots.map((r) => r.id)).toEqual(order);
    const [next] = await pgQuery<{ after: boolean }>(
      database.url,
      `SELECT nextval(pg_get_serial_sequence('key_slots', 'seq')) > MAX(seq) AS after FROM key_slots`,
    );
    expect(next!.after).toBe(true);
  });

  it('through the storage port on PostgreSQL, every version of every document decrypts and the log proves consistent with every checkpoint signed before', async () => {
    const dir = copyOfSource();
    const database = await freshDatabase();
    const migrated = await admin(['migrate-to-postgres', '--to', database.url], {
      VAULT_DATA_DIR: dir,
      VAULT_PORT: String(source.port),
    });
    expect(migrated.status, migrated.err).toBe(0);
    const storage = await PostgresStorage.open(database.url, { poolSize: 2 });
    try {
      for (const { resident, documents } of source.residents) {
        const listed = await storage.listDocuments(resident.id);
        expect(listed.map((d) => d.id).sort()).toEqual(documents.map((d) => d.id).sort());
        for (const document of documents) {
          const found = (await storage.getDocument(resident.id, document.id))!;
          const plaintexts = source.versions.get(document.id)!;
          expect(found.versions.map((v) => v.version).sort()).toEqual(
            plaintexts.map((_, i) => i + 1),
          );
          for (const v of found.versions) {
            const chunks = await storage.readChunks(resident.id, document.id, v.version, 0, 1000);
            expect(chunks).toHaveLength(v.chunkCount);
            const framed = frameBody(
              {
                documentId: document.id,
                version: v.version,
                ownerId: resident.id,
                header: toBase64url(v.header),
                wrappedKey: toBase64url(v.wrappedKey),
                metadata: toBase64url(v.metadata),
              },
              chunks,
            );
            const opened = decryptGranted(framed, {
              publicKey: resident.keys.x25519PublicKey,
              secretKey: resident.keys.x25519SecretKey,
            });
            expect(opened.plaintext.equals(plaintexts[v.version - 1]!)).toBe(true);
          }
        }
      }

      // The log: its size, the latest checkpoint (signed with the data directory's key), and a
      // consistency proof from every earlier checkpoint to it, read from the copied tree.
      expect(await storage.logSize()).toBe(source.logSize);
      const latest = (await storage.latestCheckpoint())!;
      const signer = parseSignerKey(
        fs.readFileSync(path.join(dir, 'log-signer.key'), 'utf8').trim(),
      );
      const opened = openCheckpoint(latest.note, {
        origin: `localhost:${source.port}/log`,
        verifiers: [signer],
      });
      expect(opened.size).toBe(latest.size);
      const nodes = new Map<string, Hash>();
      const withNodes = async (
        run: (at: (level: number, index: number) => Hash) => Hash[] | Hash,
      ) => {
        // The nodes a proof reads depend only on the sizes: find them, fetch them, then prove.
        const wanted: { level: number; index: number }[] = [];
        run((level, index) => {
          wanted.push({ level, index });
          return asHash(new Uint8Array(32));
        });
        const hashes = await storage.getLogNodes(wanted);
        wanted.forEach((k, i) => nodes.set(`${k.level}/${k.index}`, asHash(hashes[i]!)));
        return run((level, index) => nodes.get(`${level}/${index}`)!);
      };
      expect(await withNodes((at) => treeRoot(latest.size, at))).toEqual(asHash(latest.rootHash));
      const before = sqliteRows(path.join(dir, 'vault.sqlite')).log_checkpoints!;
      expect(before.length).toBeGreaterThan(1);
      for (const row of before) {
        const size = Number(row[0]);
        const root = new Uint8Array(Buffer.from(row[1]!.slice(1), 'hex'));
        expect(await storage.getCheckpoint(size)).toMatchObject({ size, note: row[2] });
        if (size === 0 || size === latest.size) continue;
        const proof = (await withNodes((at) => proveConsistency(size, latest.size, at))) as Hash[];
        verifyConsistency(size, latest.size, proof, root, latest.rootHash);
      }
    } finally {
      await storage.close();
    }
  });

  it('then a vault on PostgreSQL decrypts every document, extends every checkpoint signed before, and logs a service read', async () => {
    const dir = copyOfSource();
    const database = await freshDatabase();
    const before = sqliteRows(path.join(dir, 'vault.sqlite')).log_checkpoints!.map((row) => ({
      size: Number(row[0]),
      root: Buffer.from(row[1]!.slice(1), 'hex'),
    }));
    const migrated = await admin(['migrate-to-postgres', '--to', database.url], {
      VAULT_DATA_DIR: dir,
      VAULT_PORT: String(source.port),
    });
    expect(migrated.status, migrated.err).toBe(0);
    // The SQLite file is moved away: a vault that ignored VAULT_DATABASE_URL would start empty.
    fs.renameSync(path.join(dir, 'vault.sqlite'), path.join(dir, 'vault.sqlite.migrated'));

    const vault = await startVault({
      port: source.port,
      dataDir: dir,
      env: { VAULT_DATABASE_URL: database.url, VAULT_LOG_CHECKPOINT_MS: '100' },
    });
    vaults.push(vault);
    // Sessions were copied: the cookie from the SQLite vault still signs Maria in.
    const kept = await source.residents[0]!.resident.client.get<{ resident: { id: string } }>(
      '/api/me',
    );
    expect([kept.status, kept.body.resident?.id]).toEqual([200, source.residents[0]!.resident.id]);
    for (const { resident, accountId, documents } of source.residents) {
      const client = new HttpClient(vault.origin);
      const me = await signInWithLocalEid(client, accountId);
      expect(me.body.resident.id).toBe(resident.id);
      const again = { ...resident, client };
      const listed = await client.get<{ documents: { id: string; versionCount: number }[] }>(
        '/api/documents',
      );
      expect(listed.status).toBe(200);
      expect(listed.body.documents.map((d) => d.id).sort()).toEqual(
        documents.map((d) => d.id).sort(),
      );
      for (const document of documents) {
        const plaintexts = source.versions.get(document.id)!;
        for (let version = 1; version <= plaintexts.length; version++) {
          expect(
            (await readBack(again, document.id, version)).equals(plaintexts[version - 1]!),
          ).toBe(true);
        }
      }
    }

    // A service read on the migrated vault: it decrypts, and its entry is in the log.
    const serviceReads = async () =>
      Number(
        (
          await pgQuery<{ n: string }>(
            database.url,
            `SELECT COUNT(*) AS n FROM log_entries WHERE actor_kind = 'service' AND document_id = $1`,
            [source.grant.documentId],
          )
        )[0]!.n,
      );
    const readsBefore = await serviceReads();
    const api = serviceApi(vault, await serviceToken(vault, source.service));
    const read = await api.get(
      `/grants/${source.grant.id}/documents/${source.grant.documentId}?purpose=${PURPOSE}`,
    );
    expect(read.status).toBe(200);
    expect(decryptGranted(read.bytes, source.service.sealing).plaintext).toEqual(
      source.grant.plaintext,
    );
    expect(await serviceReads()).toBe(readsBefore + 1);

    // Every checkpoint signed before the migration is a prefix of the log the new vault signs.
    const maria = source.residents[0]!;
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client, maria.accountId);
    const trust = await trustOf(client);
    const [{ n }] = (await pgQuery<{ n: string }>(
      database.url,
      'SELECT COUNT(*) AS n FROM log_entries',
    )) as [{ n: string }];
    const after = await checkpointCovering(vault, trust, Number(n));
    expect(after.checkpoint.size).toBeGreaterThan(source.logSize);
    for (const old of before) {
      const proof = await client.get<ConsistencyProofResponse>(
        `/api/log/proofs/consistency?from=${old.size}&to=${after.checkpoint.size}`,
      );
      expect(proof.status).toBe(200);
      verifyConsistency(
        old.size,
        after.checkpoint.size,
        proof.body.hashes.map(fromB64),
        new Uint8Array(old.root),
        after.checkpoint.rootHash,
      );
    }
    expect(vault.logs.some((l) => String(l.msg).startsWith('ACCESS LOG ALARM'))).toBe(false);
  }, 60_000);

  it('refuses a target that holds data, and a source a vault has open, changing nothing; --replace-target-data replaces', async () => {
    const dir = copyOfSource();
    const env = { VAULT_DATA_DIR: dir, VAULT_PORT: String(source.port) };
    const database = await freshDatabase();
    expect((await admin(['migrate-to-postgres', '--to', database.url], env)).status).toBe(0);
    const file = path.join(dir, 'vault.sqlite');
    const copied = await postgresRows(database.url, file);

    // A second run into the same database: refused, and every row is as it was.
    const again = await admin(['migrate-to-postgres'], {
      ...env,
      VAULT_DATABASE_URL: database.url,
    });
    expect([again.status, again.err]).toEqual([
      73,
      expect.stringContaining('ERR_MIGRATE_TARGET_NOT_EMPTY'),
    ]);
    expect(again.err).toContain('--replace-target-data');
    expect(await postgresRows(database.url, file)).toEqual(copied);

    // A running vault on the source: refused before PostgreSQL is touched.
    const empty = await freshDatabase();
    const vault = await startVault({ port: source.port, dataDir: dir });
    vaults.push(vault);
    const busy = await admin(['migrate-to-postgres', '--to', empty.url], env);
    expect([busy.status, busy.err]).toEqual([
      73,
      expect.stringContaining('ERR_MIGRATE_SOURCE_IN_USE'),
    ]);
    const tables = await pgQuery<{ n: string }>(
      empty.url,
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(Number(tables[0]!.n)).toBe(0);
    await vaults.splice(0)[0]!.close();

    // Replacing a discarded attempt, in pages of one chunk: the same rows again.
    const lines: string[] = [];
    const replaced = await copyToPostgres({
      databaseFile: file,
      targetUrl: database.url,
      log: {
        signerKeyFile: path.join(dir, 'log-signer.key'),
        origin: `localhost:${source.port}/log`,
      },
      replaceTargetData: true,
      pageBytes: 70_000,
      progress: (l) => lines.push(l),
    });
    expect(replaced.replaced).toContain('document_chunks');
    expect(replaced.checkpointsVerified).toBeGreaterThan(0);
    expect(await postgresRows(database.url, file)).toEqual(sqliteRows(file));
  }, 60_000);

  it('rolls everything back when PostgreSQL rejects a row late in the copy: the target stays empty', async () => {
    const dir = copyOfSource();
    const file = path.join(dir, 'vault.sqlite');
    // A value SQLite keeps and PostgreSQL cannot (text with a NUL), in the table copied last:
    // every other table, chunks and log included, was already inserted when it fails.
    const db = new Database(file);
    db.prepare(
      'INSERT INTO service_tokens (token_hash, service_id, issued_at, expires_at) VALUES (?, ?, ?, ?)',
    ).run('bad\u0000hash', source.service.id, Date.now(), Date.now() + 60_000);
    db.close();
    const database = await freshDatabase();
    const res = await admin(['migrate-to-postgres', '--to', database.url], {
      VAULT_DATA_DIR: dir,
      VAULT_PORT: String(source.port),
    });
    expect(res.status, res.err).toBe(74);
    expect(res.err).toContain('rolled back');
    const counts = await targetCounts(database.url);
    expect(
      Object.values(counts).every((n) => n === 0),
      JSON.stringify(counts),
    ).toBe(true);
    // The schema is there (migrated before the copy began), so a fixed source can go again.
    const fixed = new Database(file);
    fixed.prepare('DELETE FROM service_tokens WHERE token_hash = ?').run('bad\u0000hash');
    fixed.close();
    // Again with --from: the database named directly, the keys from another data directory.
    const keys = tempDir('cv-migrate-keys-');
    for (const name of ['log-signer.key', 'receipt-signer.key']) {
      fs.copyFileSync(path.join(dir, name), path.join(keys, name));
    }
    const retry = await admin(['migrate-to-postgres', '--from', file, '--to', database.url], {
      VAULT_DATA_DIR: keys,
      VAULT_PORT: String(source.port),
    });
    expect(retry.status, retry.err).toBe(0);
    expect(retry.out).toContain(`Copied ${file}`);
    expect(fs.readdirSync(keys).sort()).toEqual(['log-signer.key', 'receipt-signer.key']);
    expect((await targetCounts(database.url)).log_head).toBe(source.logSize);
  }, 60_000);

  it('answers bad arguments with the usage, and a missing target URL or source with their exit codes', async () => {
    const dir = tempDir('cv-migrate-empty-');
    for (const argv of [['--to'], ['--from'], ['--frobnicate'], ['--to', 'a', '--to', 'b']]) {
      const res = await admin(['migrate-to-postgres', ...argv], { VAULT_DATA_DIR: dir });
      expect([argv.join(' '), res.status]).toEqual([argv.join(' '), 64]);
      expect(res.err).toContain('--replace-target-data');
    }
    const noUrl = await admin(['migrate-to-postgres'], { VAULT_DATA_DIR: dir });
    expect([noUrl.status, noUrl.err]).toEqual([78, expect.stringContaining('VAULT_DATABASE_URL')]);
    const database = await freshDatabase();
    const noSource = await admin(['migrate-to-postgres', '--to', database.url], {
      VAULT_DATA_DIR: dir,
    });
    expect([noSource.status, noSource.err]).toEqual([
      66,
      expect.stringContaining('ERR_MIGRATE_NO_SOURCE'),
    ]);
    const unreachable = await admin(
      ['migrate-to-postgres', '--to', 'postgres://nobody:s3cret-pw@127.0.0.1:1/none'],
      { VAULT_DATA_DIR: copyOfSource(), VAULT_PORT: String(source.port) },
    );
    expect([unreachable.status, unreachable.err]).toEqual([
      69,
      expect.stringContaining('ERR_MIGRATE_TARGET_UNREACHABLE'),
    ]);
    expect(unreachable.err).not.toContain('s3cret-pw');
  });
});
