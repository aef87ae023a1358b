/**
 * Branded key types: every key is a Uint8Array at run time, but the type system keeps their roles
 * apart, so that passing a document key where a master key is expected does not compile.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };
type Bytes = Uint8Array<ArrayBuffer>;

/** The resident's master key: 32 random bytes, never leaves the client unwrapped. */
export type MasterKey = Brand<Bytes, 'MasterKey'>;
/** A key-encryption key derived for one key slot. */
export type KeyEncryptionKey = Brand<Bytes, 'KeyEncryptionKey'>;
/** The subkey of the master key that encrypts the resident's secret keys. */
export type SecretKeysKey = Brand<Bytes, 'SecretKeysKey'>;
/** A document version's key: 32 random bytes, fresh per version. */
export type DocumentKey = Brand<Bytes, 'DocumentKey'>;
/** The subkey of a document key that drives the content secretstream. */
export type ContentKey = Brand<Bytes, 'ContentKey'>;
/** The subkey of a document key that encrypts the metadata envelope. */
export type MetadataKey = Brand<Bytes, 'MetadataKey'>;
/** A document key sealed (crypto_box_seal) to an X25519 public key. */
export type WrappedDocumentKey = Brand<Bytes, 'WrappedDocumentKey'>;
export type X25519PublicKey = Brand<Bytes, 'X25519PublicKey'>;
export type X25519SecretKey = Brand<Bytes, 'X25519SecretKey'>;
export type Ed25519PublicKey = Brand<Bytes, 'Ed25519PublicKey'>;
/** The 32-byte seed of an Ed25519 key pair (crypto_sign_seed_keypair). */
export type Ed25519Seed = Brand<Bytes, 'Ed25519Seed'>;
/** The 32-byte secret a recovery kit encodes. */
export type RecoverySecret = Brand<Bytes, 'RecoverySecret'>;
/** A passkey's WebAuthn PRF output (32 bytes). Never leaves the browser. */
export type PrfOutput = Brand<Bytes, 'PrfOutput'>;

/** Marks bytes with a key role after checking their length. Internal to crypto/. */
export function asKey<K extends Bytes>(bytes: Uint8Array, length: number, role: string): K {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new TypeError(`${role} must be ${length} bytes`);
  }
  return bytes as K;
}
