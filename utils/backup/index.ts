/** Backups: the file format, merge rules, the import plan, and their database side. */
export { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, BackupFormatError, backupFileName, backupToJson, buildBackup, parseBackup } from './format';
export type { Backup, BackupScope } from './format';
export { mergeItems, mergeNewsletters } from './merge';
export type { ItemConflict, ItemMerge, NewsletterMerge } from './merge';
export { describePlan, planImport } from './plan';
export type { ImportPlan, ImportSummary } from './plan';
export { reportOf } from './report';
export type { ImportReport } from './report';
