/** Backups: the file format, the import plan and its report. The database side is utils/storage/items.ts. */
export { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, BackupFormatError, backupFileName, backupParts, backupToJson, buildBackup, parseBackup, readBackupData } from './format';
export type { Backup, BackupScope, DamagedRecord, ParsedBackup, RejectedRecord } from './format';
export { describePlan, planImport } from './plan';
export type { ImportPlan, ImportSummary } from './plan';
export { reportOf } from './report';
export type { ImportReport } from './report';
