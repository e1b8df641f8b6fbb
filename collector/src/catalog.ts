/**
 * What the collector knows about its forms: the question sets it accepts
 * (the built-in ones: default@1, dial-112@1, control-room@1 and traffic@1,
 * and any given with --questions) and, when given, the station directory.
 * Loaded once at start; a bad file stops the start with a clear message.
 */
import { readFile } from 'node:fs/promises';
import {
  builtInSets, describeIssues, questionSetSchema, setRef,
  type QuestionSet, type Station, type StationDirectory,
} from 'anubhav-widgets/core';
import { readStations, StationsFileError } from 'anubhav-widgets/stations-file';
import { ConfigError } from './config.js';

export interface Catalog {
  /** Every accepted set by `id@version`. */
  sets: Map<string, QuestionSet>;
  /** The station directory by id, when `--stations` was given. */
  stations?: Map<string, Station>;
}

/** The shape a question set file must have, for messages that say what is missing. */
const SET_SHAPE = '{"id": "my-set", "version": 1, "questions": [...]}';

async function readSet(file: string): Promise<QuestionSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`--questions ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`--questions ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (Array.isArray(json)) {
    throw new ConfigError(`--questions ${file}: this is a bare list of questions; a set names itself and its version: ${SET_SHAPE}`);
  }
  const missing = ['id', 'version', 'questions'].filter((k) => !(json && typeof json === 'object' && Object.hasOwn(json, k)));
  if (missing.length) throw new ConfigError(`--questions ${file}: missing ${missing.join(', ')}; a set is ${SET_SHAPE}`);
  const result = questionSetSchema.safeParse(json);
  if (!result.success) throw new ConfigError(`--questions ${file}: ${describeIssues(result.error)}`);
  return result.data;
}

export async function loadCatalog(questionFiles: string[] = [], stationsFile?: string): Promise<Catalog> {
  const sets = new Map<string, QuestionSet>(builtInSets.map((set) => [setRef(set), set]));
  for (const file of questionFiles) {
    const set = await readSet(file);
    const ref = setRef(set);
    // A version names one list of questions for ever: stored responses say
    // which they answered, so two different lists may not share a name.
    const known = sets.get(ref);
    if (known && JSON.stringify(known) !== JSON.stringify(set)) {
      throw new ConfigError(`--questions ${file}: ${ref} is already ${builtInSets.includes(known) ? 'built in' : 'defined'} with other questions; give this set a new version`);
    }
    sets.set(ref, set);
  }
  let stations: StationDirectory | undefined;
  if (stationsFile) {
    try {
      stations = await readStations(stationsFile);
    } catch (err) {
      if (err instanceof StationsFileError) throw new ConfigError(`--stations ${err.message}`);
      throw err;
    }
  }
  return { sets, stations: stations && new Map(stations.map((s) => [s.id, s])) };
}
