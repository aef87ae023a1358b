import { CryptoError } from '../errors.js';
import type { KeyEncryptionKey, MasterKey } from '../keys/brands.js';
import { asKey } from '../keys/brands.js';
import { concatBytes, readU64le, u64le } from '../lib/bytes.js';
import { joinAd } from '../format/associated-data.js';
import {
  AD_LABEL,
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  ENVELOPE_TYPE,
  FORMAT_V1,
  SLOT_KIND,
  SLOT_SALT_BYTES,
} from '../format/v1.js';
import { sodium } from '../sodium.js';

/** The kind of secret that opens a key slot. */
export type SlotKind = keyof typeof SLOT_KIND;

/** Where a key slot belongs: bound into its associated data, so a slot cannot be moved. */
export interface SlotContext {
  residentId: string;
  slotId: string;
}

/** The clear part of a key-slot envelope (authenticated, not secret). */
export interface SlotHeader {
  kind: SlotKind;
  salt: Uint8Array<ArrayBuffer>;
  /** Argon2id parameters; zero for kinds other than passphrase. */
  opsLimit: number;
  memLimitBytes: number;
}

/** Offsets of the v1 key-slot envelope (docs/crypto.md "Key slot"). */
const HEADER_BYTES = 4 + SLOT_SALT_BYTES + 8 + 8; // version, type, kind, reserved, salt, ops, mem
const ENVELOPE_BYTES = HEADER_BYTES + AEAD_NONCE_BYTES + 32 + AEAD_TAG_BYTES;

const kindByByte = new Map<number, SlotKind>(
  Object.entries(SLOT_KIND).map(([k, v]) => [v, k as SlotKind]),
);

function encodeHeader(h: SlotHeader): Uint8Array<ArrayBuffer> {
  return concatBytes(
    new Uint8Array([FORMAT_V1, ENVELOPE_TYPE.keySlot, SLOT_KIND[h.kind], 0]),
    h.salt,
    u64le(h.opsLimit),
    u64le(h.memLimitBytes),
  );
}

function slotAd(ctx: SlotContext, header: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(joinAd(AD_LABEL.keySlot, ctx.residentId, ctx.slotId, ''), header);
}

/** Reads the clear header of a key-slot envelope; throws on an unknown format. */
export function readSlotHeader(envelope: Uint8Array): SlotHeader {
  if (
    envelope.length !== ENVELOPE_BYTES ||
    envelope[0] !== FORMAT_V1 ||
    envelope[1] !== ENVELOPE_TYPE.keySlot ||
    envelope[3] !== 0
  ) {
    throw new CryptoError('ERR_UNSUPPORTED_FORMAT', 'not a v1 key-slot envelope');
  }
  const kind = kindByByte.get(envelope[2]!);
  if (!kind) throw new CryptoError('ERR_UNSUPPORTED_FORMAT', 'unknown key-slot kind');
  return {
    kind,
    salt: envelope.slice(4, 4 + SLOT_SALT_BYTES),
    opsLimit: readU64le(envelope, 4 + SLOT_SALT_BYTES),
    memLimitBytes: readU64le(envelope, 12 + SLOT_SALT_BYTES),
  };
}

/** Encrypts the master key under a KEK into a v1 key-slot envelope. */
export function sealSlot(
  masterKey: MasterKey,
  kek: KeyEncryptionKey,
  header: SlotHeader,
  ctx: SlotContext,
): Uint8Array<ArrayBuffer> {
  const s = sodium();
  const head = encodeHeader(header);
  const nonce = s.randombytes_buf(AEAD_NONCE_BYTES);
  const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
    masterKey,
    slotAd(ctx, head),
    null,
    nonce,
    kek,
  );
  return concatBytes(head, nonce, ciphertext);
}

/** Decrypts the master key from a v1 key-slot envelope; one opaque error for every failure. */
export function unsealSlot(
  envelope: Uint8Array,
  kek: KeyEncryptionKey,
  ctx: SlotContext,
): MasterKey {
  const s = sodium();
  const head = envelope.subarray(0, HEADER_BYTES);
  const nonce = envelope.subarray(HEADER_BYTES, HEADER_BYTES + AEAD_NONCE_BYTES);
  const ciphertext = envelope.subarray(HEADER_BYTES + AEAD_NONCE_BYTES);
  try {
    const mk = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext,
      slotAd(ctx, head),
      nonce,
      kek,
    );
    return asKey<MasterKey>(mk, 32, 'master key');
  } catch {
    throw new CryptoError('ERR_SLOT_OPEN_FAILED');
  }
}
