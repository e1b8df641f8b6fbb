/**
 * Which question set a unit asks. The directory's `kind` picks it: a Dial
 * 112 vehicle, the control room and traffic police each have their own
 * (`dial-112@1`, `control-room@1`, `traffic@1`); stations and offices keep
 * `default@1`. An entry's own `questionSet` overrides its kind.
 *
 * Only `default@1` is in the form's drop-in. The others are files of their
 * own beside it (`sets/dial-112.js` …), imported when a unit needs one: three
 * bilingual sets would not fit the form's size budget, and a citizen at a
 * station never needs them.
 */
import { DEFAULT_SET_REF, type QuestionSet, type Station } from './schema.js';

/**
 * The built-in sets the form can load, by name. The drop-in build turns each
 * import into its sibling file (vite.config.ts); an npm user's bundler
 * splits them into chunks of its own.
 */
const SET_FILES: Record<string, () => Promise<{ default: QuestionSet }>> = {
  'dial-112@1': () => import('./sets/dial-112.js'),
  'control-room@1': () => import('./sets/control-room.js'),
  'traffic@1': () => import('./sets/traffic.js'),
};

/** The set a directory entry asks: its own, else its kind's, else `default@1`. */
export function setRefFor(entry: Pick<Station, 'kind' | 'questionSet'> | undefined): string {
  const byKind = `${entry?.kind}@1`;
  return entry?.questionSet ?? (SET_FILES[byKind] ? byKind : DEFAULT_SET_REF);
}

/**
 * Imports a built-in set: the set, or a message saying why it could not be
 * had. The file is ours, of this very release (the drop-in asks for it with
 * its version), so it needs no second check.
 */
export const loadSet = (ref: string): Promise<QuestionSet | string> =>
  (SET_FILES[ref] ?? (() => Promise.reject(Error('not built in'))))()
    .then((file) => file.default, (err: Error) => `question set ${ref}: ${err.message}`);
