/**
 * Days as the IG office counts them: India's (UTC+05:30, no daylight
 * saving), so a response at 00:30 in Korba falls on the day the SP's office
 * saw it arrive. One home for the console (dates it shows and sends) and the
 * collector (the roll-up's day numbers and the summary's span).
 */
export const DAY_MS = 86_400_000;
export const IST_MS = 5.5 * 3_600_000;

/** How many days a summary covers when no `from` is given: the last 90, today included. */
export const SUMMARY_DAYS = 90;

/** The day number (days since 1970-01-01, India's time) of an ISO time. */
export const dayOf = (iso: string) => Math.floor((Date.parse(iso) + IST_MS) / DAY_MS);
/** The day number of a `YYYY-MM-DD` date. */
export const dayOfDate = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** The `YYYY-MM-DD` of a day number. */
export const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day (`YYYY-MM-DD`) an ISO time falls on in India. */
export const istDay = (iso: string) => dateOfDay(dayOf(iso));

/** The day `days` after `day` (before, if negative), both `YYYY-MM-DD`. */
export const addDays = (day: string, days: number) => dateOfDay(dayOfDate(day) + days);
