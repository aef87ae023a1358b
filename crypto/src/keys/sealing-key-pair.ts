import { sodium } from '../sodium.js';
import type { X25519PublicKey, X25519SecretKey } from './brands.js';

/** An X25519 key pair that document keys are sealed to (a city service's, DESIGN §6). */
export interface SealingKeyPair {
  publicKey: X25519PublicKey;
  secretKey: X25519SecretKey;
}

/** Makes a fresh X25519 key pair (libsodium `crypto_box_keypair`). */
export function generateSealingKeyPair(): SealingKeyPair {
  const pair = sodium().crypto_box_keypair();
  return {
    publicKey: pair.publicKey as X25519PublicKey,
    secretKey: pair.privateKey as X25519SecretKey,
  };
}
