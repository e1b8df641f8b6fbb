/**
 * `anubhav-widgets/core`: the pure logic that the browser and a server
 * share, with no DOM and no element. The collector imports the schema, the
 * question sets and the station rules from here, so a response is judged by
 * the same code on both sides.
 */
export * from './core/schema.js';
export * from './core/answers.js';
export { defaultQuestions } from './core/questions.js';
export { ARRIVED_IN_20, builtInSets, controlRoom, dial112, traffic } from './core/sets/index.js';
export { setRefFor } from './core/set-choice.js';
export { FLAGS, feedbackFlags, flagNames, type Flag } from './core/flags.js';
export * from './core/days.js';
export { CASE_STATUSES, type AuditEntry, type CaseStatus, type Role } from './core/office.js';
export { ASCII_ID, ID_RULE, isStationId } from './core/ids.js';
export { FILL_HEADER, OUTBOX_EXPIRY_MS, TRAP_HEADER } from './core/send.js';
export { buildStationUrl, readStationParam, checkFormUrl, hostedFormUrl, StationUrlError } from './core/station-url.js';
export { POST_FIELDS, readFormPost, type FormPost, type FormPostIssue, type FormPostResult } from './core/form-post.js';
export { buildPayload, validateForm, questionField, visibleQuestions, type FieldError, type FormState } from './core/form.js';
export { fill, plural, type HostedMessages, type Messages } from './core/i18n.js';
export { hostedForm, hostedPages } from './locales/hosted.js';
export { hi as hiMessages } from './locales/hi.js';
export { en as enMessages } from './locales/en.js';
