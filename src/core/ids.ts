/**
 * Station and district ids are ASCII so that they survive a QR code, a URL
 * query and a CSV cell unchanged. Ids with spaces or Devanagari are rejected
 * with `ID_RULE` rather than silently re-encoded. Kept apart from the zod
 * schema so that `<station-qr>` alone does not bundle zod.
 */
export const ASCII_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_RULE = 'use 1-64 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit';
export const isStationId = (id: string) => ASCII_ID.test(id);
