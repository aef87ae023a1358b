// The one-shot `vault-keys` service of the scale profile (docker-compose.yml): makes the access
// log's key and the receipt key once, in the volume every vault node mounts read-only, with the
// vault's own code (the same files a single vault makes in its data directory on first start).
// Existing keys are kept: a new log key would make every resident's browser raise the alarm.
// Every node must sign with the SAME keys; never let each node make its own.
import fs from 'node:fs';
import path from 'node:path';

const app = process.env.VAULT_APP_DIR ?? '/app';
const dir = process.env.VAULT_KEYS_DIR ?? '/keys';
const origin = process.env.VAULT_LOG_ORIGIN;
const publicOrigin = process.env.VAULT_PUBLIC_ORIGIN;
if (!origin || !publicOrigin) {
  console.error('Set VAULT_LOG_ORIGIN and VAULT_PUBLIC_ORIGIN as the vault nodes have them.');
  process.exit(78);
}
const { sodiumReady } = await import(path.join(app, 'dist/crypto/src/sodium.js'));
const { loadOrCreateLogKey } = await import(
  path.join(app, 'dist/server/src/modules/access-log/log-key.js')
);
const { loadOrCreateReceiptSigner } = await import(
  path.join(app, 'dist/server/src/modules/consent/receipts/receipt-signer.js')
);
await sodiumReady();
const logKey = path.join(dir, 'log-signer.key');
const receiptKey = path.join(dir, 'receipt-signer.key');
const log = loadOrCreateLogKey(logKey, origin);
const receipt = loadOrCreateReceiptSigner(receiptKey, publicOrigin);
// The nodes run as the image's `node` user (uid 1000); the files stay mode 0600.
const uid = Number(process.env.VAULT_KEYS_UID ?? 1000);
if (process.getuid?.() === 0) for (const file of [logKey, receiptKey]) fs.chownSync(file, uid, uid);
process.stdout.write(
  `log key      ${log.created ? 'made' : 'kept'}: ${logKey} (${log.key.verifierKey})\n`,
);
process.stdout.write(`receipt key  ${receipt.created ? 'made' : 'kept'}: ${receiptKey}\n`);
