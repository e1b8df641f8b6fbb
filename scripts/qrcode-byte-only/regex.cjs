// Replaces qrcode's internal `regex` module when bundling for browsers.
//
// Its only user is `mode.getBestModeForData`, which picks numeric,
// alphanumeric or kanji mode for a string; the byte-only segments module
// next to this file never asks. The kanji pattern alone is 0.3 KiB gzip.
exports.testKanji = exports.testNumeric = exports.testAlphanumeric = () => false;
