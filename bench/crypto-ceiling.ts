import { createCipheriv, randomBytes } from 'node:crypto';
import { createDocumentEncryptor, generateDocumentKey, sodiumReady } from '../crypto/src/index.js';

/**
 * The crypto ceiling (issue 3): crypto/'s secretstream document encryption against node:crypto's
 * native chacha20-poly1305 on the same bytes, in 64 KiB pieces.
 */
export async function benchCryptoCeiling(totalBytes = 256 * 1024 * 1024): Promise<void> {
  await sodiumReady();
  const piece = randomBytes(64 * 1024);
  const pieces = totalBytes / piece.length;

  const dk = generateDocumentKey();
  const t0 = performance.now();
  const enc = createDocumentEncryptor(
    dk,
    { documentId: 'bench', version: 1, ownerId: 'bench' },
    totalBytes,
  );
  let out = 0;
  for (let i = 0; i < pieces; i++) for (const c of enc.push(piece)) out += c.length;
  for (const c of enc.finish()) out += c.length;
  const ours = performance.now() - t0;

  const key = randomBytes(32);
  const t1 = performance.now();
  let nativeOut = 0;
  for (let i = 0; i < pieces; i++) {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    nativeOut += cipher.update(piece).length + cipher.final().length + cipher.getAuthTag().length;
  }
  const native = performance.now() - t1;

  const mbps = (ms: number) => (totalBytes / 1e6 / (ms / 1000)).toFixed(0);
  console.log(`\nCrypto ceiling, ${totalBytes / 2 ** 20} MiB in 64 KiB pieces:`);
  console.log(
    `  crypto/ secretstream (libsodium wasm)      ${mbps(ours).padStart(6)} MB/s  (${out} bytes out)`,
  );
  console.log(
    `  node:crypto chacha20-poly1305 (native)     ${mbps(native).padStart(6)} MB/s  (${nativeOut} bytes out)`,
  );
  console.log(`  ratio crypto/ : native                     ${(native / ours).toFixed(2)}`);
}
