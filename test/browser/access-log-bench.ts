/**
 * Test and benchmark support (never shipped): times crypto/'s checkResidentLog, the check a
 * resident's browser runs on its access log, on a synthetic log. Isomorphic: it runs in Chromium
 * (the test page registers it as `globalThis.benchResidentLog`) and in Node alike.
 *
 * The log has `logSize` leaves; the resident's `entries` are spread evenly over it, each a
 * distinct event-sized leaf; every other leaf is the same, so the tree of any size costs only
 * the hashes on the resident's paths (O(entries · log logSize)) to build. Proofs come from
 * crypto/'s own generators, checkpoints are signed with a fresh key, exactly as the vault serves
 * them (standard base64 on the wire).
 */
import {
  checkResidentLog,
  generateNoteKey,
  leafHash,
  nodeHash,
  parseSignerKey,
  proveConsistency,
  proveInclusion,
  signCheckpoint,
  sodiumReady,
  treeRoot,
  type CheckResidentLogOptions,
  type Hash,
  type NodeAt,
  type TrustedLogState,
} from '../../crypto/src/index.js';

/** Options of {@link benchResidentLog}. */
export interface BenchResidentLogOptions {
  /** The resident's entries (default 1,000: one page, one inclusion-proof request). */
  entries?: number;
  /** Leaves in the whole log (default 1,000,000). */
  logSize?: number;
  /** The size the browser verified last time (default: 99 % of `logSize`). */
  trustedSize?: number;
  /** Timed runs of each check (default 5); a first untimed run warms up the engine. */
  runs?: number;
}

/** What {@link benchResidentLog} measured, in milliseconds. Nothing here is asserted. */
export interface BenchResidentLogReport {
  entries: number;
  logSize: number;
  trustedSize: number;
  /** Proof hashes checked per return visit (inclusion proofs plus the consistency proof). */
  proofHashes: number;
  /** A first visit: signature, inclusion of every covered entry; nothing trusted yet. */
  firstVisitMs: number[];
  /** A return visit: also consistency from the trusted checkpoint and every entry seen before. */
  returnVisitMs: number[];
  /** Medians of the above. */
  firstVisitMedianMs: number;
  returnVisitMedianMs: number;
  /** Time to build the synthetic log and its proofs (not part of the check). */
  setupMs: number;
}

const ORIGIN = 'bench.citizen-vault.example/log';

const b64 = (bytes: Uint8Array): string => {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** An event leaf of about the size the vault writes (canonical JSON, ~330 bytes). */
function eventLeaf(i: number): string {
  const salt = b64(Uint8Array.from({ length: 16 }, (_, k) => (i * 31 + k * 7) & 0xff));
  return JSON.stringify({
    action: 'document.read',
    actor: { id: 'c0ffee00-0000-4000-8000-000000000001', kind: 'resident', name: null },
    at: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
    document: { category: 'tax', id: `d0c00000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    grant: null,
    legalBasis: null,
    outcome: 'ok',
    purpose: null,
    resident: 'c0ffee00-0000-4000-8000-000000000001',
    salt,
    v: 1,
  });
}

/** The sparse synthetic tree: resident leaves at `indexes`, one filler leaf everywhere else. */
function sparseTree(indexes: readonly number[], leaves: ReadonlyMap<number, Hash>): NodeAt {
  const filler: Hash[] = [leafHash(new TextEncoder().encode('{"filler":true}'))];
  const fillerAt = (level: number): Hash => {
    while (filler.length <= level) filler.push(nodeHash(filler.at(-1)!, filler.at(-1)!));
    return filler[level]!;
  };
  /** Whether any resident leaf lies in [start, end): binary search in the sorted indexes. */
  const holds = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = indexes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (indexes[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < indexes.length && indexes[lo]! < end;
  };
  const memo = new Map<string, Hash>();
  const nodeAt: NodeAt = (level, index) => {
    const start = index * 2 ** level;
    if (!holds(start, start + 2 ** level)) return fillerAt(level);
    if (level === 0) return leaves.get(index)!;
    const key = `${level}/${index}`;
    let hash = memo.get(key);
    if (hash === undefined) {
      hash = nodeHash(nodeAt(level - 1, 2 * index), nodeAt(level - 1, 2 * index + 1));
      memo.set(key, hash);
    }
    return hash;
  };
  return nodeAt;
}

/**
 * Times checkResidentLog on `entries` entries of a log of `logSize` leaves: a first visit (no
 * trusted state) and a return visit (trusted checkpoint at `trustedSize`, so also a consistency
 * proof and the check of every entry seen before). Returns the timings; asserts nothing about
 * time, and throws only if a check does not pass (the benchmark would measure the wrong thing).
 */
export async function benchResidentLog(
  options: BenchResidentLogOptions = {},
): Promise<BenchResidentLogReport> {
  await sodiumReady();
  const entries = options.entries ?? 1000;
  const logSize = options.logSize ?? 1_000_000;
  const trustedSize = options.trustedSize ?? Math.floor(logSize * 0.99);
  const runs = options.runs ?? 5;
  if (!(entries >= 1 && entries <= logSize && trustedSize >= 1 && trustedSize <= logSize)) {
    throw new TypeError('need 1 ≤ entries ≤ logSize and 1 ≤ trustedSize ≤ logSize');
  }

  const setupStart = performance.now();
  const indexes = Array.from({ length: entries }, (_, i) => Math.floor((i * logSize) / entries));
  const texts = indexes.map((_, i) => eventLeaf(i));
  const encoder = new TextEncoder();
  const hashes = new Map(indexes.map((index, i) => [index, leafHash(encoder.encode(texts[i]!))]));
  const nodeAt = sparseTree(indexes, hashes);
  const key = generateNoteKey(ORIGIN);
  const signer = parseSignerKey(key.signerKey);
  const note = (size: number) =>
    signCheckpoint(
      { origin: ORIGIN, size, rootHash: treeRoot(size, nodeAt), extensions: [] },
      signer,
    );
  const listed = indexes.map((index, i) => ({ index, leaf: texts[i]! })).reverse();
  const proofsAt = (size: number) =>
    indexes
      .filter((index) => index < size)
      .map((index) => ({ index, hashes: proveInclusion(index, size, nodeAt).map(b64) }));
  const answer = (size: number, trusted: TrustedLogState | null): CheckResidentLogOptions => ({
    origin: ORIGIN,
    verifierKey: key.verifierKey,
    trusted,
    checkpointNote: note(size),
    entries: listed,
    proofs: proofsAt(size),
    consistency:
      trusted !== null && trusted.size < size
        ? proveConsistency(trusted.size, size, nodeAt).map(b64)
        : null,
  });
  const first = answer(trustedSize, null);
  const firstResult = checkResidentLog(first);
  if (!firstResult.ok) throw new Error(`first visit failed: ${JSON.stringify(firstResult.alarm)}`);
  const again = answer(logSize, firstResult.nextTrusted);
  const setupMs = performance.now() - setupStart;

  const time = (input: CheckResidentLogOptions, expectVerified: number): number => {
    const start = performance.now();
    const result = checkResidentLog(input);
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`check failed: ${JSON.stringify(result.alarm)}`);
    if (result.verified !== expectVerified) throw new Error('not every entry was verified');
    return ms;
  };
  const coveredFirst = indexes.filter((i) => i < trustedSize).length;
  time(first, coveredFirst);
  time(again, entries);
  const firstVisitMs: number[] = [];
  const returnVisitMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    firstVisitMs.push(time(first, coveredFirst));
    returnVisitMs.push(time(again, entries));
  }
  return {
    entries,
    logSize,
    trustedSize,
    proofHashes:
      again.proofs.reduce((n, p) => n + p.hashes.length, 0) + (again.consistency?.length ?? 0),
    firstVisitMs,
    returnVisitMs,
    firstVisitMedianMs: median(firstVisitMs),
    returnVisitMedianMs: median(returnVisitMs),
    setupMs,
  };
}
