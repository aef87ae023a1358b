import fs from 'node:fs';
import { StorageFullError } from '../ports.js';

/**
 * Below this many free bytes on the database's file system, an I/O error is taken to be the disk
 * filling up. SQLite reports a failed `write()` with ENOSPC as SQLITE_FULL, but a failed `fsync()`,
 * `ftruncate()` or WAL-index extension with ENOSPC only as one of the SQLITE_IOERR_* codes (the
 * errno is not exposed through better-sqlite3), so the file system is asked instead. A write that
 * failed for want of one 16 KiB page can leave a little space behind; 1 MiB covers that.
 */
export const LOW_SPACE_BYTES = 1024 * 1024;

/**
 * The {@link StorageFullError} that `error` (thrown by better-sqlite3 while writing the database in
 * `dir`) stands for, or null when it is another failure.
 */
export function asStorageFull(error: unknown, dir: string): StorageFullError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || (code.startsWith('SQLITE_IOERR') && lowOnSpace(dir))) {
    return new StorageFullError(`the database's disk is full (${code})`, { cause: error });
  }
  return null;
}

function lowOnSpace(dir: string): boolean {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize < LOW_SPACE_BYTES;
  } catch {
    return false;
  }
}
