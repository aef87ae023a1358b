/**
 * The resident's check of their access log (DESIGN §1 promise 3, §5; docs/access-log.md §9), run
 * in the vault worker so that hashing a thousand proofs never freezes the page. It fetches all of
 * the resident's entries, the latest signed checkpoint, an inclusion proof for every entry the
 * checkpoint covers (one request per 1,000) and a consistency proof from the checkpoint this
 * browser kept; crypto/'s checkResidentLog decides; a state that checks out is kept for next time.
 */
import {
  checkResidentLog,
  isCryptoError,
  openCheckpoint,
  parseVerifierKey,
  type InclusionProofInput,
  type LogAlarm,
} from '../../../../../crypto/src/index.js';
import { ApiError, apiGet, toApiError } from '../../api';
import type {
  ConsistencyProofResponse,
  InclusionProofsResponse,
  LogEntriesResponse,
  LogIdentity,
} from '../../api-types';
import type { AccessLogEntry, AccessLogReport } from '../protocol';
import { loadTrustedLog, saveTrustedLog } from './trusted-log-store';

type AccessLogOutcome = AccessLogReport['outcome'];

/** The most entries one page, and one inclusion-proof request, may hold (contracts: MAX_LOG_PAGE). */
const PAGE = 1000;

/** Checks the signed-in resident's access log; keeps the new state if it checks out. */
export async function checkAccessLog(
  { residentId }: { residentId: string },
  signal: AbortSignal,
): Promise<AccessLogReport> {
  const started = performance.now();
  const identity = await apiGet<LogIdentity>('/api/log', { signal });
  // Entries first, then the checkpoint: the checkpoint then covers as many of them as it can.
  const entries = await fetchAllEntries(signal);
  const checkpointNote = await fetchCheckpoint(signal);
  // A browser that cannot keep state (storage disabled) still checks, but only as a first visit.
  let kept = true;
  const trusted = await loadTrustedLog(residentId, identity.origin).catch(() => {
    kept = false;
    return null;
  });

  const report = (
    outcome: AccessLogOutcome,
    timings: AccessLogReport['timings'],
  ): AccessLogReport => ({
    origin: identity.origin,
    verifierKey: identity.verifierKey,
    signer: readSigner(identity.verifierKey),
    entries,
    outcome,
    checkedAt: new Date().toISOString(),
    timings,
  });
  const alarm = (found: LogAlarm): AccessLogOutcome => ({
    status: 'alarm',
    alarm: found,
    trusted:
      trusted === null
        ? null
        : {
            checkpointNote: trusted.checkpointNote,
            size: trusted.size,
            checkedAt: trusted.checkedAt,
          },
    receivedCheckpointNote: checkpointNote,
  });

  if (checkpointNote === null) {
    // No checkpoint yet (a new log): nothing is signed, so everything waits. A browser that has
    // seen a checkpoint before is being shown a log that went back to nothing.
    const timings = { fetchMs: performance.now() - started, verifyMs: 0 };
    if (trusted !== null && trusted.size > 0) {
      return report(alarm({ kind: 'rollback', trustedSize: trusted.size, size: 0 }), timings);
    }
    const pending = entries.map((e) => e.index).sort((a, b) => a - b);
    return report(
      { status: 'verified', size: 0, verified: 0, pending, consistentWith: null, kept },
      timings,
    );
  }

  // Proofs are fetched only for what the checkpoint covers, and only if it verifies at all (if
  // not, checkResidentLog reports why before it looks at any proof). No consistency proof is
  // asked for a checkpoint older than the kept one: that is a rollback, reported as such.
  const size = peekSize(checkpointNote, identity);
  let proofs: InclusionProofInput[] = [];
  let consistency: string[] | null = null;
  if (size !== null) {
    const covered = entries.filter((e) => e.index < size).map((e) => e.index);
    proofs = await fetchInclusionProofs(size, covered, signal);
    if (trusted !== null && trusted.size > 0 && trusted.size < size) {
      consistency = await fetchConsistency(trusted.size, size, signal);
    }
  }

  const fetched = performance.now();
  const result = checkResidentLog({
    origin: identity.origin,
    verifierKey: identity.verifierKey,
    trusted,
    checkpointNote,
    entries,
    proofs,
    consistency,
  });
  const timings = { fetchMs: fetched - started, verifyMs: performance.now() - fetched };

  if (!result.ok) return report(alarm(result.alarm), timings);
  await saveTrustedLog(residentId, result.nextTrusted).catch(() => {
    kept = false;
  });
  return report(
    {
      status: 'verified',
      size: result.checkpoint.size,
      verified: result.verified,
      pending: [...result.pending],
      consistentWith: result.consistentWith,
      kept,
    },
    timings,
  );
}

/** The size of a checkpoint that verifies; null if it does not (checkResidentLog says why). */
function peekSize(note: string, identity: LogIdentity): number | null {
  try {
    const verifier = parseVerifierKey(identity.verifierKey);
    return openCheckpoint(note, { origin: identity.origin, verifiers: [verifier] }).size;
  } catch (error) {
    if (isCryptoError(error)) return null;
    throw error;
  }
}

function readSigner(verifierKey: string): AccessLogReport['signer'] {
  try {
    const { name, keyId } = parseVerifierKey(verifierKey);
    return { name, keyId: keyId.toString(16).padStart(8, '0') };
  } catch (error) {
    if (isCryptoError(error)) return null;
    throw error;
  }
}

/** Every entry of the resident, newest first, in pages of {@link PAGE}. */
async function fetchAllEntries(signal: AbortSignal): Promise<AccessLogEntry[]> {
  const entries: AccessLogEntry[] = [];
  let before: number | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (before !== null) query.set('before', String(before));
    const page: LogEntriesResponse = await apiGet<LogEntriesResponse>(
      `/api/log/entries?${query.toString()}`,
      { signal },
    );
    for (const e of page.entries) entries.push({ index: e.index, leaf: e.leaf });
    before = page.nextBefore;
  } while (before !== null);
  return entries;
}

/**
 * `GET /log/checkpoint`: the signed note, as text. Null when the log has signed none yet
 * (404 ERR_LOG_NO_CHECKPOINT); any other failure throws.
 */
async function fetchCheckpoint(signal: AbortSignal): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/log/checkpoint', { signal, cache: 'no-store', credentials: 'omit' });
  } catch (cause) {
    signal.throwIfAborted();
    throw new ApiError(0, 'ERR_NETWORK', 'GET /log/checkpoint: network error', { cause });
  }
  if (!res.ok) {
    const error = toApiError(res.status, await res.json().catch(() => undefined));
    if (error.code === 'ERR_LOG_NO_CHECKPOINT') return null;
    throw error;
  }
  return res.text();
}

/** Inclusion proofs of `indexes` against the checkpoint of `size`, 1,000 per request. */
async function fetchInclusionProofs(
  size: number,
  indexes: number[],
  signal: AbortSignal,
): Promise<InclusionProofInput[]> {
  const batches: number[][] = [];
  for (let i = 0; i < indexes.length; i += PAGE) batches.push(indexes.slice(i, i + PAGE));
  const answers = await Promise.all(
    batches.map((batch) =>
      apiGet<InclusionProofsResponse>(
        `/api/log/proofs/inclusion?size=${size}&index=${batch.join(',')}`,
        { signal },
      ),
    ),
  );
  // A proof against another size than asked would not verify: keep only what was asked for.
  return answers.filter((a) => a.size === size).flatMap((a) => a.proofs);
}

async function fetchConsistency(from: number, to: number, signal: AbortSignal): Promise<string[]> {
  const answer = await apiGet<ConsistencyProofResponse>(
    `/api/log/proofs/consistency?from=${from}&to=${to}`,
    { signal },
  );
  return answer.from === from && answer.to === to ? answer.hashes : [];
}
