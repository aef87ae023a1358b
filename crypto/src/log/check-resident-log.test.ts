/**
 * checkResidentLog: what a resident's browser decides from what the server returned. Every alarm
 * and the happy path, on logs built with crypto/'s own hashing, proofs and signed checkpoints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { toBase64 } from './base64.js';
import {
  checkResidentLog,
  type CheckResidentLogOptions,
  type ResidentLogCheck,
  type ResidentLogVerified,
  type TrustedLogState,
} from './check-resident-log.js';
import { generateNoteKey } from './generate-note-key.js';
import type { Hash } from './hash.js';
import { leafHash } from './merkle-hash.js';
import { proveConsistency } from './prove-consistency.js';
import { proveInclusion } from './prove-inclusion.js';
import { signCheckpoint } from './sign-checkpoint.js';
import { parseSignerKey, type NoteSigner } from './signer-key.js';
import { memoryTree } from './testing/test-trees.js';
import { treeRoot } from './tree-root.js';

const ORIGIN = 'vault.example.org/log';
const RESIDENT = 'resident-a';
const T0 = new Date('2026-03-01T09:00:00Z');
const T1 = new Date('2026-03-03T10:42:00Z');

let signer: NoteSigner;
let verifierKey: string;

beforeAll(async () => {
  await sodiumReady();
  const key = generateNoteKey(ORIGIN);
  signer = parseSignerKey(key.signerKey);
  verifierKey = key.verifierKey;
});

/** The leaf (canonical-JSON-like event text) of entry `i`: every third one is our resident's. */
function leafText(i: number): string {
  const resident = i % 3 === 0 ? RESIDENT : `resident-${i % 5}`;
  return `{"action":"document.read","at":"2026-03-0${1 + (i % 8)}T10:00:00.000Z","i":${i},"resident":"${resident}","salt":"s${i}"}`;
}

/** A log of `leaves` (texts), with what the server would answer for the tree of `size`. */
class TestLog {
  readonly leaves: string[];
  readonly #signer: NoteSigner;
  constructor(leaves: string[], key: NoteSigner = signer) {
    this.leaves = leaves;
    this.#signer = key;
  }
  static of(n: number): TestLog {
    return new TestLog(Array.from({ length: n }, (_, i) => leafText(i)));
  }
  #tree(size: number) {
    const hashes: Hash[] = this.leaves.map((l) => leafHash(new TextEncoder().encode(l)));
    return memoryTree(hashes).at(size).nodeAt;
  }
  root(size: number): Hash {
    return treeRoot(size, this.#tree(size));
  }
  note(size: number, origin = ORIGIN): string {
    if (origin === ORIGIN) {
      return signCheckpoint(
        { origin, size, rootHash: this.root(size), extensions: [] },
        this.#signer,
      );
    }
    const other = parseSignerKey(generateNoteKey(origin).signerKey);
    return signCheckpoint({ origin, size, rootHash: this.root(size), extensions: [] }, other);
  }
  /** The resident's entries as listed (all of them, also the ones newer than `size`). */
  entries(): { index: number; leaf: string }[] {
    return this.leaves
      .map((leaf, index) => ({ index, leaf }))
      .filter((e) => e.leaf.includes(`"resident":"${RESIDENT}"`));
  }
  proofs(size: number): { index: number; hashes: string[] }[] {
    const nodeAt = this.#tree(size);
    return this.entries()
      .filter((e) => e.index < size)
      .map((e) => ({
        index: e.index,
        hashes: proveInclusion(e.index, size, nodeAt).map(toBase64),
      }));
  }
  consistency(from: number, to: number): string[] {
    return proveConsistency(from, to, this.#tree(to)).map(toBase64);
  }
  /** Everything the browser gets for the checkpoint of `size`, given what it trusted. */
  answer(size: number, trusted: TrustedLogState | null): CheckResidentLogOptions {
    return {
      origin: ORIGIN,
      verifierKey,
      trusted,
      checkpointNote: this.note(size),
      entries: this.entries(),
      proofs: this.proofs(size),
      consistency:
        trusted !== null && trusted.size > 0 && trusted.size < size
          ? this.consistency(trusted.size, size)
          : null,
      now: T1,
    };
  }
}

function verified(result: ResidentLogCheck): ResidentLogVerified {
  if (!result.ok) throw new Error(`expected a verified log, got ${JSON.stringify(result.alarm)}`);
  return result;
}

/** A first visit to a log of `n` entries, checkpoint at `size`: the state the browser keeps. */
function firstVisit(log: TestLog, size: number): TrustedLogState {
  return verified(checkResidentLog({ ...log.answer(size, null), now: T0 })).nextTrusted;
}

describe('checkResidentLog: a log that checks out', () => {
  it('first visit: every covered entry verified, newer ones pending, the state to keep', () => {
    const log = TestLog.of(40);
    const result = verified(checkResidentLog(log.answer(30, null)));
    const mine = log.entries();
    const covered = mine.filter((e) => e.index < 30);
    expect(result.checkpoint.size).toBe(30);
    expect(result.checkpoint.origin).toBe(ORIGIN);
    expect(toBase64(result.checkpoint.rootHash)).toBe(toBase64(log.root(30)));
    expect(result.signer).toEqual({ name: ORIGIN, keyId: signer.keyId });
    expect(result.verified).toBe(covered.length);
    expect(result.pending).toEqual([30, 33, 36, 39]);
    expect(result.consistentWith).toBeNull();
    expect(result.nextTrusted).toEqual({
      origin: ORIGIN,
      verifierKey,
      size: 30,
      rootHash: toBase64(log.root(30)),
      checkpointNote: log.note(30),
      seen: covered.map((e) => ({
        index: e.index,
        leafHash: toBase64(leafHash(new TextEncoder().encode(e.leaf))),
      })),
      checkedAt: T1.toISOString(),
    });
    // JSON-safe: what IndexedDB or localStorage keeps comes back the same.
    expect(JSON.parse(JSON.stringify(result.nextTrusted))).toEqual(result.nextTrusted);
  });

  it('next visit: the grown log is consistent with the stored checkpoint; pending entries get verified', () => {
    const log = TestLog.of(40);
    const trusted = firstVisit(log, 30);
    const result = verified(checkResidentLog(log.answer(40, trusted)));
    expect(result.verified).toBe(log.entries().length);
    expect(result.pending).toEqual([]);
    expect(result.consistentWith).toEqual({ size: 30, checkedAt: T0.toISOString() });
    expect(result.nextTrusted.size).toBe(40);
    expect(result.nextTrusted.seen.map((s) => s.index)).toEqual(log.entries().map((e) => e.index));
  });

  it('the same checkpoint again needs no consistency proof', () => {
    const log = TestLog.of(12);
    const trusted = firstVisit(log, 12);
    const result = verified(checkResidentLog({ ...log.answer(12, trusted), consistency: null }));
    expect(result.verified).toBe(4);
    expect(result.consistentWith?.size).toBe(12);
  });

  it('checks consistency across many growths (every size from 1 to 24, one visit each)', () => {
    const log = TestLog.of(24);
    let trusted: TrustedLogState | null = null;
    for (let size = 1; size <= 24; size++) {
      trusted = verified(checkResidentLog(log.answer(size, trusted))).nextTrusted;
    }
    expect(trusted?.size).toBe(24);
  });

  it('a resident with no entries yet, and the empty log, check out', () => {
    const log = new TestLog(['{"resident":"someone-else"}', '{"resident":"another"}']);
    const result = verified(checkResidentLog(log.answer(2, null)));
    expect(result.verified).toBe(0);
    expect(result.nextTrusted.seen).toEqual([]);
    const empty = new TestLog([]);
    const first = verified(checkResidentLog(empty.answer(0, null)));
    expect(first.checkpoint.size).toBe(0);
    // From the empty tree there is nothing to prove: every tree extends it.
    const grown = TestLog.of(3);
    const next = verified(checkResidentLog(grown.answer(3, first.nextTrusted)));
    expect(next.verified).toBe(1);
  });

  it('accepts leaves given as bytes', () => {
    const log = TestLog.of(9);
    const answer = log.answer(9, null);
    const entries = answer.entries.map((e) => ({
      index: e.index,
      leaf: new TextEncoder().encode(e.leaf as string),
    }));
    expect(verified(checkResidentLog({ ...answer, entries })).verified).toBe(3);
  });
});

describe('checkResidentLog: alarms', () => {
  it('log-key-changed: another key than the one trusted, even if it signs the checkpoint', () => {
    const log = TestLog.of(10);
    const trusted = firstVisit(log, 10);
    const other = generateNoteKey(ORIGIN);
    const relog = new TestLog(log.leaves, parseSignerKey(other.signerKey));
    const result = checkResidentLog({
      ...relog.answer(10, trusted),
      verifierKey: other.verifierKey,
    });
    expect(result).toEqual({
      ok: false,
      alarm: {
        kind: 'log-key-changed',
        trustedVerifierKey: verifierKey,
        verifierKey: other.verifierKey,
        trustedOrigin: ORIGIN,
        origin: ORIGIN,
      },
    });
  });

  it('log-key-changed: another origin than the one trusted', () => {
    const log = TestLog.of(10);
    const trusted = { ...firstVisit(log, 10), origin: 'elsewhere.example/log' };
    const result = checkResidentLog(log.answer(10, trusted));
    expect(!result.ok && result.alarm.kind).toBe('log-key-changed');
  });

  it('bad-checkpoint: signed by another key, changed after signing, of another log, or a broken key', () => {
    const log = TestLog.of(10);
    const answer = log.answer(10, null);
    const impostor = new TestLog(log.leaves, parseSignerKey(generateNoteKey(ORIGIN).signerKey));
    const note = answer.checkpointNote;
    const lines = note.split('\n');
    lines[1] = '11';
    const cases: [string, Partial<CheckResidentLogOptions>, string][] = [
      ['another key', { checkpointNote: impostor.note(10) }, 'ERR_NOTE_UNVERIFIED'],
      ['a changed size', { checkpointNote: lines.join('\n') }, 'ERR_NOTE_SIGNATURE_INVALID'],
      [
        'no signature',
        { checkpointNote: note.slice(0, note.indexOf('\n\n') + 1) },
        'ERR_NOTE_MALFORMED',
      ],
      ['another log', { checkpointNote: log.note(10, 'other.example/log') }, 'ERR_NOTE_UNVERIFIED'],
      ['a malformed key', { verifierKey: `${verifierKey}x` }, 'ERR_NOTE_KEY_MALFORMED'],
      ['the wrong origin expected', { origin: 'other.example/log' }, 'ERR_CHECKPOINT_WRONG_ORIGIN'],
    ];
    for (const [label, change, code] of cases) {
      const result = checkResidentLog({ ...answer, ...change });
      expect(result, label).toEqual({ ok: false, alarm: { kind: 'bad-checkpoint', code } });
    }
  });

  it('rollback: an older checkpoint served to a browser that stored a newer one', () => {
    const log = TestLog.of(40);
    const trusted = firstVisit(log, 40);
    // The server (or someone between) answers with the signed checkpoint of 30 entries: genuine,
    // correctly signed, every proof against it valid, and still an alarm.
    const result = checkResidentLog(log.answer(30, trusted));
    expect(result).toEqual({ ok: false, alarm: { kind: 'rollback', trustedSize: 40, size: 30 } });
  });

  it('rollback: the same size with another root (the log shows another history)', () => {
    const log = TestLog.of(20);
    const trusted = firstVisit(log, 20);
    const forked = new TestLog(log.leaves.map((l, i) => (i === 4 ? `${l} ` : l)));
    const result = checkResidentLog(forked.answer(20, trusted));
    expect(result).toEqual({ ok: false, alarm: { kind: 'rollback', trustedSize: 20, size: 20 } });
  });

  it('inconsistent: the new tree does not extend the stored one (a row changed, deleted, inserted or moved)', () => {
    const log = TestLog.of(30);
    const trusted = firstVisit(log, 20);
    const rewrites: Record<string, string[]> = {
      changed: log.leaves.map((l, i) => (i === 7 ? l.replace('s7', 'sX') : l)),
      deleted: log.leaves.filter((_, i) => i !== 8),
      inserted: [...log.leaves.slice(0, 5), '{"resident":"x"}', ...log.leaves.slice(5)],
      reordered: [log.leaves[1]!, log.leaves[0]!, ...log.leaves.slice(2)],
    };
    for (const [label, leaves] of Object.entries(rewrites)) {
      const rewritten = new TestLog(leaves);
      // The server proves what it can from the rewritten tree: the proof cannot lead to the
      // root this browser stored.
      const result = checkResidentLog(rewritten.answer(leaves.length - 1, trusted));
      expect(result, label).toEqual({
        ok: false,
        alarm: {
          kind: 'inconsistent',
          trustedSize: 20,
          size: leaves.length - 1,
          code: 'ERR_PROOF_INVALID',
        },
      });
    }
  });

  it('inconsistent: a tampered or malformed consistency proof', () => {
    const log = TestLog.of(30);
    const trusted = firstVisit(log, 13);
    const answer = log.answer(30, trusted);
    const proof = [...answer.consistency!];
    const flipped = Buffer.from(proof[0]!, 'base64');
    flipped[0]! ^= 1;
    const cases: [readonly string[], string][] = [
      [[flipped.toString('base64'), ...proof.slice(1)], 'ERR_PROOF_INVALID'],
      [proof.slice(1), 'ERR_PROOF_MALFORMED'],
      [['not base64!', ...proof.slice(1)], 'ERR_PROOF_MALFORMED'],
    ];
    for (const [consistency, code] of cases) {
      const result = checkResidentLog({ ...answer, consistency });
      expect(result).toEqual({
        ok: false,
        alarm: { kind: 'inconsistent', trustedSize: 13, size: 30, code },
      });
    }
  });

  it('entry-missing: an entry verified before is no longer listed', () => {
    const log = TestLog.of(20);
    const trusted = firstVisit(log, 20);
    const answer = log.answer(20, trusted);
    const result = checkResidentLog({
      ...answer,
      entries: answer.entries.filter((e) => e.index !== 9),
      proofs: answer.proofs.filter((p) => p.index !== 9),
    });
    expect(result).toEqual({ ok: false, alarm: { kind: 'entry-missing', index: 9 } });
  });

  it('entry-changed: an entry verified before is listed with other contents', () => {
    const log = TestLog.of(20);
    const trusted = firstVisit(log, 20);
    const answer = log.answer(20, trusted);
    const entries = answer.entries.map((e) =>
      e.index === 6 ? { index: 6, leaf: (e.leaf as string).replace('read', 'deleted') } : e,
    );
    const result = checkResidentLog({ ...answer, entries });
    expect(result).toEqual({ ok: false, alarm: { kind: 'entry-changed', index: 6 } });
  });

  it('not-included: a tampered leaf is not in the signed tree', () => {
    const log = TestLog.of(20);
    const answer = log.answer(20, null);
    const entries = answer.entries.map((e) =>
      e.index === 12 ? { index: 12, leaf: (e.leaf as string).replace('s12', 's13') } : e,
    );
    const result = checkResidentLog({ ...answer, entries });
    expect(result).toEqual({
      ok: false,
      alarm: { kind: 'not-included', index: 12, code: 'ERR_PROOF_INVALID' },
    });
  });

  it('not-included: an entry listed at another index, a tampered, short or missing proof', () => {
    const log = TestLog.of(20);
    const answer = log.answer(20, null);
    const moved = answer.entries.map((e) => (e.index === 3 ? { ...e, index: 4 } : e));
    const proofOf3 = answer.proofs.find((p) => p.index === 3)!;
    const flipped = Buffer.from(proofOf3.hashes[1]!, 'base64');
    flipped[31]! ^= 0x80;
    const withProof = (hashes: readonly string[]) =>
      answer.proofs.map((p) => (p.index === 3 ? { index: 3, hashes } : p));
    const cases: [Partial<CheckResidentLogOptions>, string][] = [
      [
        {
          entries: moved,
          proofs: answer.proofs.map((p) => (p.index === 3 ? { ...p, index: 4 } : p)),
        },
        'ERR_PROOF_INVALID',
      ],
      [
        {
          proofs: withProof(
            proofOf3.hashes.map((h, i) => (i === 1 ? flipped.toString('base64') : h)),
          ),
        },
        'ERR_PROOF_INVALID',
      ],
      [{ proofs: withProof(proofOf3.hashes.slice(1)) }, 'ERR_PROOF_MALFORMED'],
      [{ proofs: answer.proofs.filter((p) => p.index !== 3) }, 'ERR_PROOF_MALFORMED'],
    ];
    for (const [change, code] of cases) {
      const result = checkResidentLog({ ...answer, ...change });
      const index = change.entries ? 4 : 3;
      expect(result).toEqual({ ok: false, alarm: { kind: 'not-included', index, code } });
    }
  });

  it('checks in order: a changed key is reported before anything else', () => {
    const log = TestLog.of(20);
    const trusted = firstVisit(log, 20);
    const other = generateNoteKey(ORIGIN).verifierKey;
    const result = checkResidentLog({ ...log.answer(10, trusted), verifierKey: other });
    expect(!result.ok && result.alarm.kind).toBe('log-key-changed');
  });
});

describe('checkResidentLog: misuse', () => {
  it('throws TypeError for a damaged trusted state or a consistency proof left out', () => {
    const log = TestLog.of(20);
    const trusted = firstVisit(log, 10);
    expect(() => checkResidentLog({ ...log.answer(20, trusted), consistency: null })).toThrow(
      TypeError,
    );
    expect(() =>
      checkResidentLog({ ...log.answer(20, trusted), trusted: { ...trusted, rootHash: 'AA==' } }),
    ).toThrow(TypeError);
    expect(() =>
      checkResidentLog({ ...log.answer(20, trusted), trusted: { ...trusted, size: -1 } }),
    ).toThrow(TypeError);
  });
});
