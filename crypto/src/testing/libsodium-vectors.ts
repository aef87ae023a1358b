/**
 * Parsers for the libsodium known-answer vectors in `../shared/vectors/libsodium/` (pyca/pynacl
 * `tests/data`, Apache-2.0; see `../shared/vectors/README.md`). Test support only: nothing in the
 * app imports this file.
 *
 * Every parser takes the file's contents as a string and does no I/O, so that the Node suite
 * (which reads the files with `node:fs`) and a browser suite (which fetches them) share one parser.
 * A malformed file throws `TypeError`: a vector that cannot be read must fail the suite, never
 * shrink it silently.
 */

type Bytes = Uint8Array<ArrayBuffer>;

/** The vector files, by what they check. */
export const LIBSODIUM_VECTOR_FILES = {
  secretstream: 'secretstream-test-vectors.json',
  sealedBox: 'sealed_box_ref.txt',
  rawArgon2id: 'raw_argon2id_hashes.json',
  modularCryptArgon2id: 'modular_crypt_argon2id_hashes.json',
  xchacha20Poly1305Ietf: 'xchacha20-poly1305-ietf_ref.txt',
  boxFromSeed: 'box_from_seed.txt',
} as const;

const encoder = new TextEncoder();

/** Lower- or upper-case hex to bytes; throws `TypeError` on anything else. */
export function hexToBytes(hex: string): Bytes {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError(`not hex: ${hex.slice(0, 32)}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes to lower-case hex (for readable assertions). */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fail(file: string, what: string): never {
  throw new TypeError(`${file}: ${what}`);
}

function record(value: unknown, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(file, 'not an object');
  return value as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string, file: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(file, `"${key}" is not a string`);
  return v;
}

function int(o: Record<string, unknown>, key: string, file: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    fail(file, `"${key}" is not a non-negative integer`);
  }
  return v;
}

function jsonArray(json: string, file: string): unknown[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value) || value.length === 0) fail(file, 'expected a non-empty JSON array');
  return value;
}

/** Data lines of a text vector file: comments (`#`) and blank lines dropped. */
function dataLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

// --- crypto_secretstream_xchacha20poly1305 -----------------------------------------------------

export interface SecretstreamChunkVector {
  /** TAG_MESSAGE 0, TAG_PUSH 1, TAG_REKEY 2, TAG_FINAL 3. */
  tag: number;
  /** Associated data, or null when the vector has none. */
  ad: Bytes | null;
  message: Bytes;
  ciphertext: Bytes;
}

export interface SecretstreamVector {
  key: Bytes;
  header: Bytes;
  chunks: SecretstreamChunkVector[];
}

/** `secretstream-test-vectors.json`: key, header, and the chunks in stream order. */
export function parseSecretstreamVectors(json: string): SecretstreamVector[] {
  const file = LIBSODIUM_VECTOR_FILES.secretstream;
  return jsonArray(json, file).map((item) => {
    const v = record(item, file);
    const chunks = v['chunks'];
    if (!Array.isArray(chunks) || chunks.length === 0) fail(file, '"chunks" is empty');
    return {
      key: hexToBytes(str(v, 'key', file)),
      header: hexToBytes(str(v, 'header', file)),
      chunks: chunks.map((c) => {
        const chunk = record(c, file);
        const ad = chunk['ad'];
        if (ad !== null && ad !== undefined && typeof ad !== 'string') fail(file, 'bad "ad"');
        return {
          tag: int(chunk, 'tag', file),
          ad: typeof ad === 'string' && ad !== '' ? hexToBytes(ad) : null,
          message: hexToBytes(str(chunk, 'message', file)),
          ciphertext: hexToBytes(str(chunk, 'ciphertext', file)),
        };
      }),
    };
  });
}

// --- crypto_box_seal ----------------------------------------------------------------------------

export interface SealedBoxVector {
  secretKey: Bytes;
  publicKey: Bytes;
  plaintext: Bytes;
  ciphertext: Bytes;
}

/** A `<byte length>:<hex>` field; the stated length must match. */
function lengthPrefixed(field: string, file: string): Bytes {
  const m = /^(\d+):([0-9a-fA-F]*)$/.exec(field);
  if (!m) fail(file, `bad length-prefixed field ${field.slice(0, 32)}`);
  const bytes = hexToBytes(m[2]!);
  if (bytes.length !== Number(m[1])) fail(file, `length ${m[1]} does not match the data`);
  return bytes;
}

/** `sealed_box_ref.txt`: `sk <tab> pk <tab> len:plaintext <tab> len:ciphertext`, hex. */
export function parseSealedBoxVectors(text: string): SealedBoxVector[] {
  const file = LIBSODIUM_VECTOR_FILES.sealedBox;
  const vectors = dataLines(text).map((line) => {
    const fields = line.split('\t');
    if (fields.length < 4) fail(file, 'expected 4 tab-separated fields');
    return {
      secretKey: hexToBytes(fields[0]!),
      publicKey: hexToBytes(fields[1]!),
      plaintext: lengthPrefixed(fields[2]!, file),
      ciphertext: lengthPrefixed(fields[3]!, file),
    };
  });
  if (vectors.length === 0) fail(file, 'no vectors');
  return vectors;
}

// --- crypto_pwhash (Argon2id) -------------------------------------------------------------------

export interface Argon2idRawVector {
  /** UTF-8 of the password string. */
  password: Bytes;
  /** The ASCII salt string's bytes (16 of them, crypto_pwhash_SALTBYTES). */
  salt: Bytes;
  /** `iters`. */
  opsLimit: number;
  /** `maxmem` is in KiB; this is bytes (maxmem × 1024). */
  memLimitBytes: number;
  /** The expected raw output (`dgst_len` bytes). */
  hash: Bytes;
}

function argon2idEntries(json: string, file: string, mode: string): Record<string, unknown>[] {
  return jsonArray(json, file).map((item) => {
    const v = record(item, file);
    if (str(v, 'construct', file) !== 'argon2id' || str(v, 'mode', file) !== mode) {
      fail(file, `expected construct argon2id, mode ${mode}`);
    }
    return v;
  });
}

/** `raw_argon2id_hashes.json`. */
export function parseRawArgon2idVectors(json: string): Argon2idRawVector[] {
  const file = LIBSODIUM_VECTOR_FILES.rawArgon2id;
  return argon2idEntries(json, file, 'raw').map((v) => {
    const hash = hexToBytes(str(v, 'pwhash', file));
    if (hash.length !== int(v, 'dgst_len', file)) fail(file, 'dgst_len does not match pwhash');
    return {
      password: encoder.encode(str(v, 'passwd', file)),
      salt: encoder.encode(str(v, 'salt', file)),
      opsLimit: int(v, 'iters', file),
      memLimitBytes: int(v, 'maxmem', file) * 1024,
      hash,
    };
  });
}

export interface Argon2idStrVector {
  password: string;
  /** The modular-crypt string (`$argon2id$v=19$m=…,t=…,p=1$salt$hash`). */
  encoded: string;
  opsLimit: number;
  memLimitBytes: number;
}

/** `modular_crypt_argon2id_hashes.json`. */
export function parseModularCryptArgon2idVectors(json: string): Argon2idStrVector[] {
  const file = LIBSODIUM_VECTOR_FILES.modularCryptArgon2id;
  return argon2idEntries(json, file, 'crypt').map((v) => {
    const encoded = str(v, 'pwhash', file);
    if (!encoded.startsWith('$argon2id$')) fail(file, 'not an $argon2id$ string');
    return {
      password: str(v, 'passwd', file),
      encoded,
      opsLimit: int(v, 'iters', file),
      memLimitBytes: int(v, 'maxmem', file) * 1024,
    };
  });
}

// --- crypto_aead_xchacha20poly1305_ietf ---------------------------------------------------------

export interface AeadVector {
  key: Bytes;
  nonce: Bytes;
  /** `IN`. */
  plaintext: Bytes;
  ad: Bytes;
  /** `CT`, without the tag. */
  ciphertext: Bytes;
  tag: Bytes;
}

/** `xchacha20-poly1305-ietf_ref.txt`: blocks of `NAME: hex` lines, each opened by `AEAD:`. */
export function parseXChaCha20Poly1305Vectors(text: string): AeadVector[] {
  const file = LIBSODIUM_VECTOR_FILES.xchacha20Poly1305Ietf;
  const blocks: Map<string, string>[] = [];
  for (const line of dataLines(text)) {
    const m = /^([A-Z]+):\s*(.*)$/.exec(line);
    if (!m) fail(file, `bad line ${line.slice(0, 32)}`);
    if (m[1] === 'AEAD') {
      if (m[2] !== 'xchacha20-poly1305') fail(file, `unexpected AEAD ${m[2]}`);
      blocks.push(new Map());
      continue;
    }
    const block = blocks.at(-1);
    if (!block) fail(file, 'a field before the first AEAD line');
    block.set(m[1]!, m[2]!);
  }
  if (blocks.length === 0) fail(file, 'no vectors');
  return blocks.map((b) => {
    const field = (name: string) => {
      const v = b.get(name);
      if (v === undefined) fail(file, `missing ${name}`);
      return hexToBytes(v);
    };
    return {
      key: field('KEY'),
      nonce: field('NONCE'),
      plaintext: field('IN'),
      ad: field('AD'),
      ciphertext: field('CT'),
      tag: field('TAG'),
    };
  });
}

// --- crypto_box_seed_keypair --------------------------------------------------------------------

export interface BoxSeedVector {
  seed: Bytes;
  publicKey: Bytes;
  secretKey: Bytes;
}

/** `box_from_seed.txt`: `seed <tab> public key ‖ secret key`, hex. */
export function parseBoxSeedVectors(text: string): BoxSeedVector[] {
  const file = LIBSODIUM_VECTOR_FILES.boxFromSeed;
  const vectors = dataLines(text).map((line) => {
    const fields = line.split('\t');
    if (fields.length !== 2) fail(file, 'expected 2 tab-separated fields');
    const keys = hexToBytes(fields[1]!);
    if (keys.length !== 64) fail(file, 'expected 64 bytes of keys');
    return {
      seed: hexToBytes(fields[0]!),
      publicKey: keys.slice(0, 32),
      secretKey: keys.slice(32),
    };
  });
  if (vectors.length === 0) fail(file, 'no vectors');
  return vectors;
}
