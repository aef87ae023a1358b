/**
 * Where the browser keeps what it verified of a resident's access log (DESIGN §5): the last
 * verified checkpoint and the entries seen, per resident and log origin, in IndexedDB. Nothing
 * secret is in it (the entries themselves are not kept, only their leaf hashes).
 */
import type { TrustedLogState } from '../../../../../crypto/src/index.js';

const DB_NAME = 'citizen-vault-access-log';
const DB_VERSION = 1;
const STORE = 'trusted';
const BY_RESIDENT = 'by-resident';

/** A kept state, with the key it is kept under. */
interface TrustedRecord extends TrustedLogState {
  residentId: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: ['residentId', 'origin'] });
      store.createIndex(BY_RESIDENT, 'residentId');
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

/** True for a record that has the shape of a {@link TrustedLogState}. */
function isTrusted(value: unknown): value is TrustedRecord {
  const v = value as Partial<TrustedRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.residentId === 'string' &&
    typeof v.origin === 'string' &&
    typeof v.verifierKey === 'string' &&
    typeof v.size === 'number' &&
    typeof v.rootHash === 'string' &&
    typeof v.checkpointNote === 'string' &&
    typeof v.checkedAt === 'string' &&
    Array.isArray(v.seen) &&
    v.seen.every((s) => typeof s?.index === 'number' && typeof s.leafHash === 'string')
  );
}

function strip(record: TrustedRecord): TrustedLogState {
  const { residentId: _residentId, ...state } = record;
  return state;
}

/**
 * The state kept for this resident and log origin. If there is none for this origin but one for
 * another origin of the same resident, that one is returned: the check then reports that the
 * log changed, rather than silently starting over (a server cannot reset what the browser
 * trusts by renaming its log).
 */
export async function loadTrustedLog(
  residentId: string,
  origin: string,
): Promise<TrustedLogState | null> {
  const db = await open();
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  const exact: unknown = await request(store.get([residentId, origin]));
  if (isTrusted(exact)) return strip(exact);
  const others = (await request(store.index(BY_RESIDENT).getAll(residentId))).filter(isTrusted);
  others.sort((a, b) => b.checkedAt.localeCompare(a.checkedAt));
  return others[0] ? strip(others[0]) : null;
}

/** Keeps the state of a successful check, replacing the one for the same resident and origin. */
export async function saveTrustedLog(residentId: string, state: TrustedLogState): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const record: TrustedRecord = { ...state, seen: [...state.seen], residentId };
  tx.objectStore(STORE).put(record);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}
