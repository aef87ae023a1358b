/** Why a backup or a restore was refused: a stable code, for the CLI's exit status and for tests. */
export type BackupErrorCode =
  /** There is no vault database to back up. */
  | 'ERR_BACKUP_NO_DATABASE'
  /** The backup file named already exists: backups are never overwritten. */
  | 'ERR_BACKUP_EXISTS'
  /** The file to restore does not exist or cannot be read. */
  | 'ERR_BACKUP_UNREADABLE'
  /** The file is not an SQLite database at all. */
  | 'ERR_BACKUP_NOT_A_DATABASE'
  /** The file is shorter than its own header says: cut off while copying. */
  | 'ERR_BACKUP_TRUNCATED'
  /** `PRAGMA integrity_check` found damage, or SQLite could not read the file. */
  | 'ERR_BACKUP_DAMAGED'
  /** An SQLite database, but not a vault's (no migrations table). */
  | 'ERR_BACKUP_NOT_A_VAULT'
  /** Made by a newer version of the vault: this one does not know all its migrations. */
  | 'ERR_BACKUP_NEWER_VERSION'
  /** The stored access log does not match the last checkpoint stored with it. */
  | 'ERR_BACKUP_LOG_DAMAGED'
  /** The data directory has a vault database already, and `--force` was not given. */
  | 'ERR_RESTORE_TARGET_EXISTS'
  /** Another process (a running vault) has the target database open. */
  | 'ERR_RESTORE_TARGET_IN_USE'
  /** The backup's log is signed, but the data directory has no log key to continue it with. */
  | 'ERR_RESTORE_LOG_KEY_MISSING'
  /** The data directory's log key (or origin) is not the one that signed the backup's log. */
  | 'ERR_RESTORE_LOG_KEY_MISMATCH';

/**
 * A refused backup or restore. The message says, in an operator's words, what is wrong and what to
 * do; nothing was changed when it is thrown (a partial file is removed first).
 */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
    this.code = code;
  }
}
