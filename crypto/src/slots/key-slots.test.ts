import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARGON2ID, SLOT_SALT_BYTES } from '../format/v1.js';
import type { MasterKey, PrfOutput } from '../keys/brands.js';
import { generateMasterKey } from '../keys/generate-master-key.js';
import { sodium, sodiumReady } from '../sodium.js';
import { createPassphraseSlot, createPasskeySlot, createRecoverySlot } from './create-key-slot.js';
import { keySlotKind, openKeySlot, type SlotSecret } from './open-key-slot.js';
import type { SlotContext } from './slot-envelope.js';
import { expectCode } from '../testing/test-helpers.js';

/*
 * Offsets of the v1 key-slot envelope (slot-envelope.ts, docs/crypto.md "Key slot"):
 * 0 version | 1 type | 2 kind | 3 reserved | 4..20 salt | 20..28 opsLimit u64le |
 * 28..36 memLimit u64le | 36..60 nonce | 60..108 ciphertext ‖ tag.
 */
const OFF = { version: 0, type: 1, kind: 2, reserved: 3, salt: 4, ops: 20, mem: 28, nonce: 36 };
const ENVELOPE_BYTES = 108;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const ctx: SlotContext = { residentId: 'resident-1', slotId: 'slot-a' };
const PASSPHRASE = 'correct horse battery staple';

function setU64(envelope: Uint8Array, offset: number, value: bigint): Uint8Array {
  const copy = envelope.slice();
  new DataView(copy.buffer).setBigUint64(offset, value, true);
  return copy;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

const randomPrf = () => sodium().randombytes_buf(32) as PrfOutput;

describe('passkey slot', () => {
  let mk: MasterKey;
  let prf: PrfOutput;
  let envelope: Uint8Array;

  beforeAll(() => {
    mk = generateMasterKey();
    prf = randomPrf();
    envelope = createPasskeySlot(mk, prf, ctx);
  });

  const open = (
    env: Uint8Array,
    secret: SlotSecret = { kind: 'passkey', prfOutput: prf },
    c = ctx,
  ) => openKeySlot(env, secret, c);

  it('has the v1 layout and opens with the right PRF output', () => {
    expect(envelope).toHaveLength(ENVELOPE_BYTES);
    expect([...envelope.subarray(0, 4)]).toEqual([0x01, 0x01, 0x01, 0x00]);
    expect(new DataView(envelope.buffer).getBigUint64(OFF.ops, true)).toBe(0n);
    expect(new DataView(envelope.buffer).getBigUint64(OFF.mem, true)).toBe(0n);
    expect(keySlotKind(envelope)).toBe('passkey');
    expect(equal(open(envelope), mk)).toBe(true);
  });

  it('a wrong PRF output → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(
      () => open(envelope, { kind: 'passkey', prfOutput: randomPrf() }),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  it('moved to another residentId or slotId → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(
      () => open(envelope, undefined, { ...ctx, residentId: 'resident-2' }),
      'ERR_SLOT_OPEN_FAILED',
    );
    expectCode(
      () => open(envelope, undefined, { ...ctx, slotId: 'slot-b' }),
      'ERR_SLOT_OPEN_FAILED',
    );
    // The NUL-joined AD keeps the two ids apart: "resident-1" + "slot-a" is not "resident-1slot" + "-a".
    expectCode(
      () => open(envelope, undefined, { residentId: 'resident-1slot', slotId: '-a' }),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  it('a tampered salt, nonce or ciphertext → ERR_SLOT_OPEN_FAILED', () => {
    for (const at of [
      OFF.salt,
      OFF.salt + SLOT_SALT_BYTES - 1,
      OFF.nonce,
      ENVELOPE_BYTES - 1,
      70,
    ]) {
      const tampered = envelope.slice();
      tampered[at]! ^= 0x01;
      expectCode(() => open(tampered), 'ERR_SLOT_OPEN_FAILED');
    }
  });

  it('the clear Argon2id fields are authenticated too (a passkey slot with non-zero ops)', () => {
    expectCode(() => open(setU64(envelope, OFF.ops, 3n)), 'ERR_SLOT_OPEN_FAILED');
  });

  it('a PRF output of the wrong length is misuse (TypeError)', () => {
    expect(() =>
      open(envelope, { kind: 'passkey', prfOutput: new Uint8Array(31) as PrfOutput }),
    ).toThrow(TypeError);
  });
});

describe('recovery slot', () => {
  let mk: MasterKey;
  let slot: { envelope: Uint8Array; recoveryCode: string };

  beforeAll(() => {
    mk = generateMasterKey();
    slot = createRecoverySlot(mk, ctx);
  });

  const open = (code: string, env = slot.envelope, c = ctx) =>
    openKeySlot(env, { kind: 'recovery', code }, c);

  it('opens with the code from the kit, however it is typed', () => {
    expect(keySlotKind(slot.envelope)).toBe('recovery');
    expect(slot.envelope[OFF.kind]).toBe(0x03);
    expect(equal(open(slot.recoveryCode), mk)).toBe(true);
    const typed = slot.recoveryCode.toLowerCase().replaceAll('-', ' ');
    expect(equal(open(typed), mk)).toBe(true);
  });

  it('another well-formed code (another kit) → ERR_SLOT_OPEN_FAILED', () => {
    const other = createRecoverySlot(mk, ctx).recoveryCode;
    expectCode(() => open(other), 'ERR_SLOT_OPEN_FAILED');
  });

  it('a typo is caught by the check characters first → ERR_RECOVERY_CODE_INVALID', () => {
    // The last character holds check bits only, so this typo is caught whatever the secret.
    const code = slot.recoveryCode;
    const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expectCode(() => open(typo), 'ERR_RECOVERY_CODE_INVALID');
  });

  it('moved to another residentId or slotId → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(
      () => open(slot.recoveryCode, slot.envelope, { ...ctx, residentId: 'r-2' }),
      'ERR_SLOT_OPEN_FAILED',
    );
    expectCode(
      () => open(slot.recoveryCode, slot.envelope, { ...ctx, slotId: 's-2' }),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  it('a tampered salt → ERR_SLOT_OPEN_FAILED', () => {
    const tampered = slot.envelope.slice();
    tampered[OFF.salt + 3]! ^= 0x80;
    expectCode(() => open(slot.recoveryCode, tampered), 'ERR_SLOT_OPEN_FAILED');
  });
});

describe('passphrase slot (Argon2id at the floor: ops 3, 64 MiB)', () => {
  let mk: MasterKey;
  let envelope: Uint8Array;

  beforeAll(() => {
    mk = generateMasterKey();
    envelope = createPassphraseSlot(mk, PASSPHRASE, ctx, ARGON2ID.floor);
  });

  const open = (env: Uint8Array, passphrase = PASSPHRASE, c = ctx) =>
    openKeySlot(env, { kind: 'passphrase', passphrase }, c);

  it('stores its parameters in the clear header and opens with the right passphrase', () => {
    expect(keySlotKind(envelope)).toBe('passphrase');
    const view = new DataView(envelope.buffer, envelope.byteOffset);
    expect(view.getBigUint64(OFF.ops, true)).toBe(3n);
    expect(view.getBigUint64(OFF.mem, true)).toBe(64n * 1024n * 1024n);
    expect(equal(open(envelope), mk)).toBe(true);
  });

  it('a wrong passphrase → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(() => open(envelope, `${PASSPHRASE}!`), 'ERR_SLOT_OPEN_FAILED');
  });

  it('normalises to NFKC: the decomposed spelling opens a slot made with the composed one', () => {
    const composed = 'crème brûlée façade';
    const slot = createPassphraseSlot(mk, composed, ctx, ARGON2ID.floor);
    expect(equal(open(slot, composed.normalize('NFD')), mk)).toBe(true);
  });

  it('moved to another slotId → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(
      () => open(envelope, PASSPHRASE, { ...ctx, slotId: 'slot-z' }),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  describe('parameters the server could have weakened (or inflated) are refused before any derivation', () => {
    const GiB = 1024n * 1024n * 1024n;
    const cases: [string, number, bigint][] = [
      ['opsLimit lowered to 2', OFF.ops, 2n],
      ['opsLimit lowered to 1', OFF.ops, 1n],
      ['opsLimit 0', OFF.ops, 0n],
      ['memLimit lowered to 64 MiB − 1 KiB', OFF.mem, 64n * 1024n * 1024n - 1024n],
      ['memLimit lowered to 8 KiB', OFF.mem, 8n * 1024n],
      ['memLimit 0', OFF.mem, 0n],
      ['opsLimit raised to 17 (above the ceiling)', OFF.ops, 17n],
      ['memLimit raised to 1 GiB + 1 KiB (above the ceiling)', OFF.mem, GiB + 1024n],
      ['opsLimit 2^64 − 1', OFF.ops, 2n ** 64n - 1n],
      ['memLimit 2^53 (past a safe integer)', OFF.mem, 2n ** 53n],
    ];

    it.each(cases)('%s → ERR_WEAK_KDF_PARAMS, crypto_pwhash never called', (_, offset, value) => {
      const pwhash = vi.spyOn(sodium(), 'crypto_pwhash');
      expectCode(() => open(setU64(envelope, offset, value)), 'ERR_WEAK_KDF_PARAMS');
      expect(pwhash).not.toHaveBeenCalled();
    });

    it('the spy does see a derivation when the parameters are sound (the check above is real)', () => {
      const pwhash = vi.spyOn(sodium(), 'crypto_pwhash');
      expectCode(() => open(envelope, 'not the passphrase at all'), 'ERR_SLOT_OPEN_FAILED');
      expect(pwhash).toHaveBeenCalledTimes(1);
      expect(pwhash.mock.calls[0]!.slice(3, 5)).toEqual([3, 64 * 1024 * 1024]);
    });
  });

  it('refuses to create a slot below the floor or above the ceiling', () => {
    expectCode(
      () =>
        createPassphraseSlot(mk, PASSPHRASE, ctx, { opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 }),
      'ERR_WEAK_KDF_PARAMS',
    );
    expectCode(
      () =>
        createPassphraseSlot(mk, PASSPHRASE, ctx, { opsLimit: 3, memLimitBytes: 32 * 1024 * 1024 }),
      'ERR_WEAK_KDF_PARAMS',
    );
    expectCode(
      () =>
        createPassphraseSlot(mk, PASSPHRASE, ctx, {
          opsLimit: 17,
          memLimitBytes: 64 * 1024 * 1024,
        }),
      'ERR_WEAK_KDF_PARAMS',
    );
  });

  it('refuses a passphrase shorter than 12 characters (TypeError)', () => {
    expect(() => createPassphraseSlot(mk, 'short', ctx)).toThrow(TypeError);
  });
});

describe('kind and format', () => {
  let mk: MasterKey;
  let prf: PrfOutput;
  let passkey: Uint8Array;
  let recovery: { envelope: Uint8Array; recoveryCode: string };

  beforeAll(() => {
    mk = generateMasterKey();
    prf = randomPrf();
    passkey = createPasskeySlot(mk, prf, ctx);
    recovery = createRecoverySlot(mk, ctx);
  });

  it('a secret of another kind → ERR_SLOT_OPEN_FAILED', () => {
    expectCode(
      () => openKeySlot(passkey, { kind: 'recovery', code: recovery.recoveryCode }, ctx),
      'ERR_SLOT_OPEN_FAILED',
    );
    expectCode(
      () => openKeySlot(recovery.envelope, { kind: 'passkey', prfOutput: prf }, ctx),
      'ERR_SLOT_OPEN_FAILED',
    );
    expectCode(
      () => openKeySlot(passkey, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  it('a kind byte rewritten to match the secret still fails (the kind is authenticated)', () => {
    const relabelled = recovery.envelope.slice();
    relabelled[OFF.kind] = 0x01; // recovery → passkey
    expectCode(
      () => openKeySlot(relabelled, { kind: 'passkey', prfOutput: prf }, ctx),
      'ERR_SLOT_OPEN_FAILED',
    );
  });

  it.each([
    ['an unknown version byte', OFF.version, 0x02],
    ['version 0', OFF.version, 0x00],
    ['another envelope type', OFF.type, 0x02],
    ['an unknown kind', OFF.kind, 0x04],
    ['kind 0', OFF.kind, 0x00],
    ['a non-zero reserved byte', OFF.reserved, 0x01],
  ])('%s → ERR_UNSUPPORTED_FORMAT', (_, offset, value) => {
    const bad = passkey.slice();
    bad[offset] = value;
    expectCode(
      () => openKeySlot(bad, { kind: 'passkey', prfOutput: prf }, ctx),
      'ERR_UNSUPPORTED_FORMAT',
    );
    expectCode(() => keySlotKind(bad), 'ERR_UNSUPPORTED_FORMAT');
  });

  it('a wrong length → ERR_UNSUPPORTED_FORMAT', () => {
    for (const bad of [
      passkey.subarray(0, -1),
      new Uint8Array([...passkey, 0]),
      new Uint8Array(0),
    ]) {
      expectCode(
        () => openKeySlot(bad, { kind: 'passkey', prfOutput: prf }, ctx),
        'ERR_UNSUPPORTED_FORMAT',
      );
    }
  });

  it('two slots of one master key share nothing but the key (fresh salt and nonce)', () => {
    const again = createPasskeySlot(mk, prf, ctx);
    expect(equal(again.subarray(OFF.salt, OFF.ops), passkey.subarray(OFF.salt, OFF.ops))).toBe(
      false,
    );
    expect(equal(again.subarray(OFF.nonce), passkey.subarray(OFF.nonce))).toBe(false);
    expect(equal(openKeySlot(again, { kind: 'passkey', prfOutput: prf }, ctx), mk)).toBe(true);
  });
});
