import type { MasterKey } from './brands.js';
import { sodium } from '../sodium.js';

/** A fresh master key: 32 random bytes from libsodium's CSPRNG. */
export function generateMasterKey(): MasterKey {
  return sodium().randombytes_buf(32) as MasterKey;
}
