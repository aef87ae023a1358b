/**
 * The page's handle on the vault worker. The worker is made on first use (a vault page asked for
 * it), never on the sign-in page, so libsodium stays out of the sign-in bundle. Locking wipes the
 * worker's keys and terminates it; a fresh worker starts locked.
 *
 * The page never holds a key: it passes secrets the resident typed or a PRF output (moved, not
 * copied) and gets back progress, decrypted names and finished Blobs.
 */
import { useSyncExternalStore } from 'react';
import type { ConsentReceiptPayload } from '../consent-types';
import type {
  AccessLogReport,
  DecryptedDocument,
  DocumentSummary,
  PasskeySecret,
  SealDocumentsParams,
  SealedForService,
  TransferProgress,
  UnlockSecret,
  VaultMethods,
  VersionSummary,
} from './protocol';
import { createRpcClient, type CallOptions, type Endpoint, type RpcClient } from './rpc';
import { forgetPrfOutputs } from '../webauthn';
import { VaultError } from './vault-error';

/** How long a graceful lock waits for the worker to confirm the wipe before terminating it. */
const LOCK_WIPE_TIMEOUT_MS = 500;

let worker: Worker | null = null;
let client: RpcClient<VaultMethods> | null = null;
let unlocked = false;
const listeners = new Set<() => void>();
const lockHooks = new Set<() => void>();

function setUnlocked(value: boolean): void {
  if (unlocked === value) return;
  unlocked = value;
  for (const listener of listeners) listener();
}

let pageHideListening = false;

function connect(): RpcClient<VaultMethods> {
  if (client) return client;
  if (!pageHideListening) {
    // Closing or leaving the tab locks: nothing of the vault survives in a back/forward cache.
    window.addEventListener('pagehide', lockVaultNow);
    pageHideListening = true;
  }
  const created = new Worker(new URL('./vault.worker.ts', import.meta.url), {
    type: 'module',
    name: 'vault',
  });
  worker = created;
  client = createRpcClient<VaultMethods>(created as unknown as Endpoint);
  // A worker that fails to load or crashes has lost its keys: the vault is locked.
  created.addEventListener('error', (event) => {
    event.preventDefault();
    if (worker === created) terminate(new VaultError('ERR_VAULT_WORKER'));
  });
  return client;
}

function terminate(reason: VaultError): void {
  const wasOpen = worker !== null || unlocked;
  worker?.terminate();
  client?.close(reason);
  worker = null;
  client = null;
  setUnlocked(false);
  if (wasOpen) for (const hook of lockHooks) hook();
}

/**
 * Locks at once: terminates the worker (its memory goes with it) and forgets every decrypted
 * thing the page cached. For `pagehide`, where nothing asynchronous can run.
 */
export function lockVaultNow(): void {
  terminate(new VaultError('ERR_VAULT_LOCKED'));
}

/**
 * Locks: asks the worker to overwrite its keys, waits briefly for that, then terminates it.
 * The page counts as locked from the first moment.
 */
export async function lockVault(): Promise<void> {
  const current = client;
  setUnlocked(false);
  if (current) {
    const wiped = current.call('lock', undefined).catch(() => undefined);
    const timeout = new Promise((resolve) => setTimeout(resolve, LOCK_WIPE_TIMEOUT_MS));
    await Promise.race([wiped, timeout]);
  }
  if (client === current) lockVaultNow();
}

/** True while the vault is unlocked in this tab. */
export function isVaultUnlocked(): boolean {
  return unlocked;
}

/** True while a vault call (an upload, a download…) is running: idle lock waits for it. */
export function isVaultBusy(): boolean {
  return (client?.pending ?? 0) > 0;
}

/** Subscribes to lock-state changes; returns the unsubscribe function. */
export function subscribeVaultLock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `hook` whenever the vault locks (to forget decrypted data); returns the unsubscribe. */
export function onVaultLock(hook: () => void): () => void {
  lockHooks.add(hook);
  return () => lockHooks.delete(hook);
}

/** React: whether the vault is unlocked, re-rendering on change. */
export function useVaultUnlocked(): boolean {
  return useSyncExternalStore(subscribeVaultLock, isVaultUnlocked, () => false);
}

/** Moves a PRF output into a fresh buffer for transfer and wipes the caller's copy. */
function movable(secret: PasskeySecret): { secret: PasskeySecret; transfer: Transferable[] } {
  const prfOutput = secret.prfOutput.slice();
  secret.prfOutput.fill(0);
  return { secret: { credentialId: secret.credentialId, prfOutput }, transfer: [prfOutput.buffer] };
}

// --- set-up -----------------------------------------------------------------------------------

/** Makes a new vault's keys in the worker; returns the recovery code for the kit. */
export async function prepareEnrolment(residentId: string): Promise<string> {
  return (await connect().call('enrol.prepare', { residentId })).recoveryCode;
}

/** Adds a passkey slot to the vault being set up; the PRF output is moved, then wiped here. */
export function addEnrolmentPasskey(secret: PasskeySecret): Promise<void> {
  const moved = movable(secret);
  return connect().call('enrol.addPasskey', moved.secret, { transfer: moved.transfer });
}

/** Adds a passphrase slot to the vault being set up. */
export function addEnrolmentPassphrase(passphrase: string): Promise<void> {
  return connect().call('enrol.addPassphrase', { passphrase });
}

/** Sends the set-up to the server; the vault is then unlocked. */
export async function finishEnrolment(): Promise<void> {
  await connect().call('enrol.finish', undefined);
  forgetPrfOutputs(); // whatever the page still held from a sign-in is no longer needed
  setUnlocked(true);
}

// --- unlock -----------------------------------------------------------------------------------

/** Unlocks with a passkey's PRF output (moved), a passphrase or a recovery code. */
export async function unlockVault(residentId: string, secret: UnlockSecret): Promise<void> {
  let options: CallOptions<never> = {};
  let sent = secret;
  if (secret.kind === 'passkey') {
    const moved = movable(secret);
    sent = { kind: 'passkey', ...moved.secret };
    options = { transfer: moved.transfer };
  }
  await connect().call('unlock', { residentId, secret: sent }, options);
  forgetPrfOutputs(); // whatever the page still held from a sign-in is no longer needed
  setUnlocked(true);
}

// --- unlock methods -----------------------------------------------------------------------------

/** Adds a passkey slot to the unlocked vault. */
export function addPasskeySlot(secret: PasskeySecret): Promise<void> {
  const moved = movable(secret);
  return connect().call('slots.addPasskey', moved.secret, { transfer: moved.transfer });
}

/** Adds a passphrase slot to the unlocked vault. */
export function addPassphraseSlot(passphrase: string): Promise<void> {
  return connect().call('slots.addPassphrase', { passphrase });
}

/** Makes a new recovery kit (not yet in force); returns its code. */
export async function prepareRecoveryKit(): Promise<string> {
  return (await connect().call('recovery.prepare', undefined)).recoveryCode;
}

/** Puts the prepared kit in force; every older kit stops working. */
export function commitRecoveryKit(): Promise<void> {
  return connect().call('recovery.commit', undefined);
}

// --- documents ----------------------------------------------------------------------------------

/** The resident's documents, names decrypted. */
export function listDocuments(): Promise<DocumentSummary[]> {
  return connect().call('documents.list', undefined);
}

/** Encrypts and uploads a file (a new document, or a new version of `documentId`). */
export function uploadDocument(
  params: VaultMethods['documents.upload']['params'],
  options: { signal?: AbortSignal; onProgress?: (progress: TransferProgress) => void } = {},
): Promise<DocumentSummary> {
  return connect().call('documents.upload', params, options);
}

/** Downloads, verifies and decrypts a document; resolves only with the whole, verified file. */
export function downloadDocument(
  params: { documentId: string; version?: number },
  options: { signal?: AbortSignal; onProgress?: (progress: TransferProgress) => void } = {},
): Promise<DecryptedDocument> {
  return connect().call('documents.download', params, options);
}

/** Every complete version of a document, oldest first, each with its own decrypted metadata. */
export function listVersions(
  documentId: string,
  options: { signal?: AbortSignal } = {},
): Promise<VersionSummary[]> {
  return connect().call('documents.versions', { documentId }, options);
}

// --- consent ----------------------------------------------------------------------------------

/**
 * Seals the chosen versions' document keys to a city service (in the worker: the keys never
 * reach the page); resolves with the sealed keys to send with an approval.
 */
export function sealDocumentsForService(params: SealDocumentsParams): Promise<SealedForService[]> {
  return connect().call('consent.sealDocuments', params);
}

/** Signs a consent receipt with the resident's Ed25519 key (in the worker); the compact JWS. */
export function signConsentReceipt(payload: ConsentReceiptPayload): Promise<string> {
  return connect().call('consent.signReceipt', payload);
}

// --- access log ---------------------------------------------------------------------------------

/**
 * Fetches the resident's access log and checks it in the worker (no key needed: it also runs
 * while the vault is locked). Resolves with the entries and the verdict, an alarm included;
 * rejects only when the check could not run (network, server error).
 */
export function checkAccessLog(
  residentId: string,
  options: { signal?: AbortSignal } = {},
): Promise<AccessLogReport> {
  return connect().call('log.check', { residentId }, options);
}
