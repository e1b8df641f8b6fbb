// Replaces qrcode's internal `mode` module when bundling for browsers.
//
// Byte mode is the only one the byte-only segments module next to this file
// makes. What remains of `mode` is what the encoder asks of it: the byte
// and mixed modes (`version` sizes a mixed list from MIXED), and how many
// bits a segment's length takes. The numeric, alphanumeric and kanji
// modes, mode detection (and with it qrcode's `regex` module and its kanji
// pattern), and parsing a mode from its name are left out: 0.2 KiB gzip.
// `version.getCapacity` still names the other modes in a switch; they are
// undefined here, so only its byte case is ever taken, as before.
exports.BYTE = { id: 'Byte', bit: 4, ccBits: [8, 16, 16] };
exports.MIXED = { bit: -1 };
// Versions 1-9, 10-26 and 27-40 count a byte segment's length in 8, 16 and 16 bits.
exports.getCharCountIndicator = (mode, version) => mode.ccBits[version < 10 ? 0 : version < 27 ? 1 : 2];
