/**
 * The vault worker: the only place in the web app where libsodium runs and keys live (DESIGN §9,
 * "crypto runs in a Web Worker"). The page talks to it through {@link VaultMethods}; no method
 * returns key material. Terminating the worker is the lock of last resort; `lock` wipes first.
 */
import { isCryptoError, sodiumReady } from '../../../../crypto/src/index.js';
import type { VaultMethods } from './protocol';
import { serveRpc, type Endpoint, type Handlers } from './rpc';
import { VaultError } from './vault-error';
import { checkAccessLog } from './worker/check-access-log';
import { downloadDocument } from './worker/download-document';
import {
  addEnrolmentPassphrase,
  addEnrolmentPasskey,
  finishEnrolment,
  prepareEnrolment,
} from './worker/enrol';
import { wipeAll } from './worker/keyring';
import { listDocuments } from './worker/list-documents';
import { listVersions } from './worker/list-versions';
import {
  addPassphraseSlot,
  addPasskeySlot,
  commitRecovery,
  prepareRecovery,
} from './worker/manage-slots';
import { sealDocumentsForService } from './worker/seal-documents-for-service';
import { signConsentReceipt } from './worker/sign-consent-receipt';
import { unlockVault } from './worker/unlock-vault';
import { uploadDocument } from './worker/upload-document';

const handlers: Handlers<VaultMethods> = {
  lock: () => wipeAll(),
  'enrol.prepare': (params) => prepareEnrolment(params),
  'enrol.addPasskey': (secret) => addEnrolmentPasskey(secret),
  'enrol.addPassphrase': (params) => addEnrolmentPassphrase(params),
  'enrol.finish': (_params, { signal }) => finishEnrolment(signal),
  unlock: (params, { signal }) => unlockVault(params, signal),
  'slots.addPasskey': (secret, { signal }) => addPasskeySlot(secret, signal),
  'slots.addPassphrase': (params, { signal }) => addPassphraseSlot(params, signal),
  'recovery.prepare': () => prepareRecovery(),
  'recovery.commit': (_params, { signal }) => commitRecovery(signal),
  'documents.list': (_params, { signal }) => listDocuments(signal),
  'documents.upload': (params, context) => uploadDocument(params, context),
  'documents.download': (params, context) => downloadDocument(params, context),
  'documents.versions': (params, { signal }) => listVersions(params, signal),
  'consent.sealDocuments': (params) => sealDocumentsForService(params),
  'consent.signReceipt': (payload) => signConsentReceipt(payload),
  'log.check': (params, { signal }) => checkAccessLog(params, signal),
};

/** crypto/ errors cross by code only; anything unexpected is logged here, never sent. */
function mapError(error: unknown): unknown {
  if (isCryptoError(error)) return new VaultError(error.code);
  if (error instanceof Error && error.name === 'TypeError') console.error('vault worker:', error);
  return error;
}

// Every handler waits for libsodium; the listener itself is attached at once, so no early
// message is missed.
serveRpc<VaultMethods>(self as unknown as Endpoint, handlers, { ready: sodiumReady(), mapError });
