export { BackupError, type BackupErrorCode } from './backup-error.js';
export { checkBackupFile, LATEST_MIGRATION, type BackupSummary } from './check-backup-file.js';
export { createBackup, type CreatedBackup } from './create-backup.js';
export { restoreBackup, type RestoredBackup, type RestoreOptions } from './restore-backup.js';
