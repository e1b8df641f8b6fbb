/** The collector as a library: build it into your own Node program or tests. */
export { buildCollector, BODY_LIMIT, type Collector } from './app.js';
export { parseConfig, ConfigError, USAGE, type CollectorConfig } from './config.js';
export { csvHeader, csvLine, neutralise } from './csv.js';
export { newReference, normaliseReference } from './references.js';
export { FeedbackStore } from './store.js';
export { STRICT_CSP } from './static.js';
