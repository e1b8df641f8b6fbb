// Replaces qrcode's internal `segments` module when bundling for browsers.
//
// The QR codes here always hold a URL, encoded as one byte-mode segment
// (src/core/qr.ts passes `[{data, mode: 'byte'}]`). qrcode's own segments
// module also brings numeric, alphanumeric and kanji modes and a Dijkstra
// optimiser for mixed content, which we never use: 1.9 KiB gzip of every
// page load. Node (the poster CLI, tests) uses qrcode unchanged, and both
// paths give the same matrix, because byte mode is chosen explicitly.
const ByteData = require('qrcode/lib/core/byte-data');

exports.fromArray = (segments) => segments.map((s) => new ByteData(s.data));
exports.rawSplit = exports.fromString = () => {
  throw new Error('this build of qrcode encodes byte-mode segments only');
};
