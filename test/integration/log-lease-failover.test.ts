import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint, sodiumReady, verifyConsistency } from '../../crypto/src/index.js';
import type {
  ConsistencyProofResponse,
  LogEntryView,
  ServiceRequestResponse,
} from '../../server/src/contracts/index.js';
import {
  allEntries,
  checkpointCovering,
  codeOf,
  eventOf,
  fromB64,
  outcomes,
  trustOf,
  verifyEntries,
} from '../helpers/access-log.js';
import {
  daysAfter,
  decryptGranted,
  grantRequest,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
} from '../helpers/service-api.js';
import {
  leaseHolder,
  startVaultNodeProcesses,
  type VaultNodeProcesses,
} from '../helpers/vault-nodes.js';
import type { VaultProcess } from '../helpers/vault-process.js';

/*
 * The access log's lease across a node's death (issue 7, DESIGN §5 and §8): two built vaults in
 * their own processes on one PostgreSQL database behind the round-robin proxy; exactly one holds
 * the log lease (a session advisory lock) and signs checkpoints. It is killed with SIGKILL in the
 * middle of a burst of service reads through both nodes. Then: the survivor holds the lease and
 * signs; every read that was answered 200 has its document.read entry; and every checkpoint
 * signed before the kill (and after) is consistent with the newest one.
 *
 * Needs the built server (`npm run build:server`; `npm test` builds first).
 */

/** Checkpoints are signed this often: several fall within the burst. */
const CHECKPOINT_MS = 50;
/** Reads answered 200 before the kill, and again after it, before the test looks. */
const READS_EACH_SIDE = 30;
const READERS = 4;

let cluster: VaultNodeProcesses | undefined;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** Polls `probe` every 20 ms until it answers non-null; fails with `what` after `ms`. */
async function until<T>(probe: () => Promise<T | null> | T | null, ms: number, what: string) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a node says in /readyz that it holds the log lease (asked directly, not via the proxy). */
async function saysItHoldsLease(node: VaultProcess): Promise<true | null> {
  const res = await fetch(`${node.origin}/readyz`);
  const body = (await res.json()) as { logLease?: boolean };
  return res.status === 200 && body.logLease === true ? true : null;
}

/** Every stored checkpoint, oldest first, and the number of log entries (straight from pg). */
async function stored(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // (An alias `size` would make ORDER BY sort the text: '83' before '9'.)
    const checkpoints = await client.query<{ tree_size: string; note: string }>(
      'SELECT size::text AS tree_size, note FROM log_checkpoints ORDER BY size',
    );
    const entries = await client.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM log_entries',
    );
    return {
      checkpoints: checkpoints.rows.map((r) => ({ size: Number(r.tree_size), note: r.note })),
      entries: Number(entries.rows[0]!.n),
    };
  } finally {
    await client.end();
  }
}

describe('the log lease when its holder dies', () => {
  it('SIGKILL of the lease holder mid-burst: the survivor takes over and signs, no answered read lacks its entry, and every earlier checkpoint is consistent with the newest', async () => {
    const c = (cluster = await startVaultNodeProcesses({
      count: 2,
      env: { VAULT_LOG_CHECKPOINT_MS: String(CHECKPOINT_MS), VAULT_SERVICE_QUOTA: '1000000' },
    }));
    const maria = await keyedResident(c);
    const document = await storeEncrypted(maria, randomBytes(20_000));
    const service = await registerSealingService(c);
    const api = serviceApi(c, await serviceToken(c, service));
    const filed = await api.post<ServiceRequestResponse>('/requests', {
      nationalId: maria.nationalId,
      categories: ['identity'],
      purpose: PURPOSE,
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: daysAfter(new Date(), 14),
    });
    expect(filed.status, filed.bytes.toString()).toBe(201);
    const grant = await grantRequest(c, maria, service, filed.body.request.id, [document]);
    const trust = await trustOf(maria.client);

    const holder = await until(
      () => leaseHolder(c.databaseUrl, c.nodes),
      15_000,
      'a node holding the log lease (LOG_LEASE_KEY in pg_locks)',
    );
    const survivor = c.nodes.find((n) => n !== holder) as VaultProcess;
    // The node agrees: its /readyz says it holds the lease.
    await until(() => saysItHoldsLease(holder), 10_000, 'the holder’s /readyz naming the lease');
    const atStart = await stored(c.databaseUrl);

    // The burst: READERS loops of granted reads through the proxy, to both nodes in turn.
    const path = `/grants/${grant.id}/documents/${document.id}?purpose=${PURPOSE}`;
    let answered = 0;
    let unanswered = 0;
    const other: string[] = [];
    let stop = false;
    const reader = async () => {
      while (!stop) {
        let res;
        try {
          res = await api.get(path);
        } catch {
          unanswered += 1; // cut off: the node died while answering
          continue;
        }
        if (res.status === 502) {
          unanswered += 1; // the proxy found no node for it
        } else if (res.status !== 200) {
          other.push(`${res.status} ${res.bytes.toString().slice(0, 200)}`);
        } else if (
          decryptGranted(res.bytes, service.sealing).plaintext.equals(document.plaintext)
        ) {
          answered += 1; // acknowledged, whole: the service has the document
        } else {
          other.push('200 with other content');
        }
      }
    };
    const readers = Array.from({ length: READERS }, reader);
    try {
      // Before the kill: reads answered, and the holder signed a checkpoint during the burst.
      await until(
        async () =>
          answered >= READS_EACH_SIDE &&
          ((await stored(c.databaseUrl)).checkpoints.at(-1)?.size ?? 0) > atStart.entries
            ? true
            : null,
        20_000,
        `${READS_EACH_SIDE} reads and a checkpoint signed during the burst`,
      );
      const beforeKill = await stored(c.databaseUrl);
      expect(await leaseHolder(c.databaseUrl, c.nodes)).toBe(holder);
      await holder.kill();
      const answeredAtKill = answered;
      await until(
        () => (answered >= answeredAtKill + READS_EACH_SIDE ? true : null),
        20_000,
        `${READS_EACH_SIDE} reads through the survivor after the kill`,
      );
      stop = true;
      await Promise.all(readers);

      expect(other).toEqual([]);
      // The survivor took the lease and signed the whole log, which grew past every checkpoint
      // the dead node signed.
      const { entries } = await stored(c.databaseUrl);
      const newest = await checkpointCovering(c, trust, entries, 15_000);
      expect(newest.checkpoint.size).toBe(entries);
      expect(newest.checkpoint.size).toBeGreaterThan(beforeKill.checkpoints.at(-1)!.size);
      expect(await leaseHolder(c.databaseUrl, c.nodes)).toBe(survivor);
      await until(
        () => saysItHoldsLease(survivor),
        10_000,
        'the survivor’s /readyz naming the lease',
      );

      // Every answered read has its entry. An unanswered one may have one or not; so may each try
      // the proxy made on the dying node before it sent the read to the survivor (the node died
      // after its commit, before its answer).
      const reads = (await allEntries(maria.client, 'action=document.read')).filter(
        (e) => eventOf(e).grant === grant.id,
      );
      const failedTries = c.proxy.handled
        .filter((r) => r.path === `/api/v1/service${path}`)
        .reduce((n, r) => n + r.failedTries, 0);
      const counts = JSON.stringify({ entries: reads.length, answered, unanswered, failedTries });
      expect(reads.length, counts).toBeGreaterThanOrEqual(answered);
      expect(reads.length, counts).toBeLessThanOrEqual(answered + unanswered + failedTries);

      // Every checkpoint ever signed, before the kill and after, opens with the log's key and is
      // consistent with the newest: no node left an inconsistent one behind.
      const after = await stored(c.databaseUrl);
      expect(after.checkpoints.map((p) => p.size)).toEqual(
        expect.arrayContaining(beforeKill.checkpoints.map((p) => p.size)),
      );
      expect(after.checkpoints.at(-1)!.size).toBe(newest.checkpoint.size);
      for (const { size, note } of after.checkpoints) {
        const earlier = openCheckpoint(note, { origin: trust.origin, verifiers: [trust.verifier] });
        expect(earlier.size).toBe(size);
        if (size === 0 || size === newest.checkpoint.size) continue;
        const proof = await maria.client.get<ConsistencyProofResponse>(
          `/api/log/proofs/consistency?from=${size}&to=${newest.checkpoint.size}`,
        );
        expect(proof.status, proof.text).toBe(200);
        const check = () =>
          verifyConsistency(
            size,
            newest.checkpoint.size,
            proof.body.hashes.map(fromB64),
            earlier.rootHash,
            newest.checkpoint.rootHash,
          );
        expect(codeOf(check), `checkpoint ${size}`).toBe('ok');
      }

      // And the resident's browser verifies each of their entries at the newest checkpoint.
      const mine = await allEntries(maria.client);
      for (let i = 0; i < mine.length; i += 500) {
        const page: LogEntryView[] = mine.slice(i, i + 500);
        expect(await verifyEntries(maria.client, newest.checkpoint, page)).toEqual(outcomes(page));
      }
    } finally {
      stop = true;
      await Promise.allSettled(readers);
    }
  }, 120_000);
});
