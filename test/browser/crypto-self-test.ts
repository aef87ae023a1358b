/// <reference lib="dom" />
// Test-only page: exposes crypto/'s vector runner to the end-to-end test in Chromium.
import { runLibsodiumVectors } from '../../crypto/src/testing/run-libsodium-vectors.js';

(globalThis as unknown as { runLibsodiumVectors: typeof runLibsodiumVectors }).runLibsodiumVectors =
  runLibsodiumVectors;
document.body.dataset['ready'] = 'true';
