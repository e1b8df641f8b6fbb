/**
 * The package entry: classes, the schema, events and types. Importing it
 * defines no element; see `anubhav-widgets/define/*.js` for that.
 */
export { AnubhavFeedback } from './anubhav-feedback/anubhav-feedback.js';
export { defaultQuestions } from './core/questions.js';
export { StationQr } from './station-qr/station-qr.js';
export * from './core/schema.js';
export * from './core/events.js';
export { buildStationUrl, readStationParam, checkFormUrl, StationUrlError } from './core/station-url.js';
export type { Messages, QrMessages } from './core/i18n.js';
