export { openDatabase, type OpenDatabaseOptions } from './open';
export { migrate, schemaVersion, assertMigrationOrder } from './migrate';
export { DatabaseFileError, StorageError, storageErrorOf, type DatabaseFileProblem, type StorageProblem } from './errors';
export type { Migration } from './migration';
export { MIGRATIONS } from './migrations';
