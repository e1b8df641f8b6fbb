/** The collector as a library: build it into your own Node program or tests. */
export { buildCollector, BODY_LIMIT, STOP_GRACE_MS, type Collector, type CollectorOptions } from './app.js';
export { backupDatabase } from './backup.js';
export {
  parseBackupConfig, parseConfig, ConfigError, SERVER_DEFAULTS, USAGE, type BackupConfig, type CollectorConfig,
} from './config.js';
export { csvHeader, csvLine, neutralise } from './csv.js';
export { newReference, normaliseReference } from './references.js';
export { SqliteStore, SCHEMA_VERSION, isPostgres, openStore, type FeedbackStore, type Store } from './store.js';
export { newAccountToken, tokenHash } from './auth.js';
export { redactContact } from './retention.js';
export { STRICT_CSP } from './static.js';
