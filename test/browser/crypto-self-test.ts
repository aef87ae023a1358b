/// <reference lib="dom" />
// Test-only page: exposes crypto/'s vector runner to the end-to-end test in Chromium, and the
// access log's verification benchmark (access-log-bench.ts) to tests and benchmarks.
import { runLibsodiumVectors } from '../../crypto/src/testing/run-libsodium-vectors.js';
import { benchResidentLog } from './access-log-bench.js';

(globalThis as unknown as { runLibsodiumVectors: typeof runLibsodiumVectors }).runLibsodiumVectors =
  runLibsodiumVectors;
(globalThis as unknown as { benchResidentLog: typeof benchResidentLog }).benchResidentLog =
  benchResidentLog;
document.body.dataset['ready'] = 'true';
