/**
 * `--demo-data`: a collector that looks lived-in, for demonstrations and
 * the console's development. Nothing here runs without the flag.
 *
 * - About 5,000 sample responses over the last 12 weeks, across the
 *   station directory, stored once per database, each answering its unit's
 *   question set (a 112 vehicle's, say). Each goes through the payload
 *   schema, its question set's checks and the store's own
 *   insert, so its flags, reference and district are computed as for a
 *   citizen's. Some stations are clearly worse than others, and each drifts
 *   over the weeks, so that a worst-first overview and a trend have
 *   something to show.
 * - Older cases get statuses, assignees and notes by "Sample data".
 * - Three demo accounts, whose sign-in tokens are new at every start.
 *
 * Every sample is marked as such: its id begins `da7a5eed-`, its comments
 * and notes begin "[नमूना / Sample]", a named one is "नमूना नागरिक N" with a
 * mobile number of zeros.
 */
import {
  DAY_MS, IST_MS, checkAnswers, parsePayload, setRefFor,
  type Answers, type FeedbackPayload, type Lang, type Station,
} from 'anubhav-widgets/core';
import { newAccountToken, tokenHash } from './auth.js';
import { ConfigError } from './config.js';
import type { Catalog } from './catalog.js';
import type { CaseStatus, FeedbackStore, Role } from './store.js';

/** How many sample responses are seeded. */
export const SAMPLE_SIZE = 5000;
/** The span they are spread over, ending at the collector's `now`. */
export const SAMPLE_SPAN_MS = 12 * 7 * 86_400_000;
/**
 * Every sample's id (a valid version 4 UUID) begins with this: an export
 * can tell samples apart, and a database that holds one was seeded
 * already. A citizen's random id begins so once in four billion times.
 */
export const SAMPLE_ID_PREFIX = 'da7a5eed-';
/** Every sample text begins with this. */
export const SAMPLE_MARK = '[नमूना / Sample]';
/** The author of the sample notes. */
export const SAMPLE_AUTHOR = 'Sample data';
/** The same sample on every run (with the same clock and directory). */
const SEED = 20261122;

const HOUR_MS = 3_600_000;

/** mulberry32: a small, fast, seeded PRNG. Not for secrets; for a reproducible sample. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    /** A standard normal draw (Box-Muller). */
    gauss: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** One of the keys, with probability in proportion to its weight. */
    weighted<K extends string>(weights: Record<K, number>): K {
      const entries = Object.entries(weights) as [K, number][];
      let r = next() * entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      for (const [key, w] of entries) if ((r -= Math.max(0, w)) < 0) return key;
      return entries[entries.length - 1][0];
    },
  };
}
type Random = ReturnType<typeof prng>;

/** How a station is doing: its mean rating, how that moves over the 12 weeks, its facilities, its share of visitors. */
interface StationModel {
  station: Station;
  grade: 'poor' | 'fair' | 'good';
  mean: number;
  /** The change in mean rating from the first week to the last. */
  drift: number;
  facilities: number;
  weight: number;
}

/**
 * Some 15% of stations (at least one) are poor and about 30% fair; the
 * rest are good. Half the poor ones improve markedly over the weeks (the
 * office stepped in), the others slide.
 */
function modelStations(stations: Station[], random: Random): StationModel[] {
  const order = stations.map((station) => ({ station, key: random.next() })).sort((a, b) => a.key - b.key);
  const poor = Math.max(1, Math.round(stations.length * 0.15));
  const fair = Math.round(stations.length * 0.3);
  const models = order.map(({ station }, i): StationModel => {
    const grade = i < poor ? 'poor' : i < poor + fair ? 'fair' : 'good';
    const mean = { poor: 2.2, fair: 3.3, good: 4.1 }[grade] + random.between(-0.25, 0.25);
    const drift = grade === 'poor' ? (i % 2 ? -0.8 : 1.4) : random.between(-0.5, 0.8);
    const busy = station.kind === 'control-room' || station.kind === 'dial-112' ? 1.4 : 1;
    return { station, grade, mean, drift, facilities: mean - 0.4 + random.between(-0.5, 0.5), weight: busy * random.between(0.5, 1.6) };
  });
  // Directory order again, so the draws below do not depend on the shuffle.
  return stations.map((s) => models.find((m) => m.station === s)!);
}

/**
 * The arrival times, oldest first: more each week as the QR codes spread
 * (the last week about twice the first), in the daytime in India.
 */
function arrivals(count: number, now: number, random: Random): number[] {
  const start = now - SAMPLE_SPAN_MS;
  const times: number[] = [];
  while (times.length < count) {
    const x = random.next();
    if (random.next() * 1.4 > 0.6 + 0.8 * x) continue;
    const day = Math.floor((start + x * SAMPLE_SPAN_MS + IST_MS) / DAY_MS) * DAY_MS - IST_MS;
    // 8:00 to 21:00 India's time, busiest in the early afternoon.
    const time = Math.round(day + (8 + 13 * (random.next() + random.next()) / 2) * HOUR_MS);
    if (time >= start && time < now - 60_000) times.push(time);
  }
  return times.sort((a, b) => a - b);
}

const clampRating = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

/** Sample comments by how the visit went: good, mixed, bad. */
const COMMENTS: Record<Lang, Record<'good' | 'mixed' | 'bad', string[]>> = {
  hi: {
    good: [
      'स्टाफ ने शिकायत ध्यान से सुनी और तुरंत एफआईआर दर्ज की।',
      'मोबाइल गुम होने की रिपोर्ट जल्दी लिख ली गई, धन्यवाद।',
      'पासपोर्ट सत्यापन समय पर हुआ, अधिकारी विनम्र थे।',
      'महिला हेल्प डेस्क पर अच्छा व्यवहार मिला।',
      'बैठने और पीने के पानी की व्यवस्था अच्छी थी।',
    ],
    mixed: [
      'काम हो गया, पर लगभग दो घंटे इंतज़ार करना पड़ा।',
      'शौचालय साफ नहीं था, बाकी व्यवहार ठीक रहा।',
      'पावती मांगने पर ही दी गई।',
      'शाम के समय स्टाफ कम था और बहुत भीड़ थी।',
    ],
    bad: [
      'शिकायत दर्ज करने से मना कर दिया, कहा कल आना।',
      'मुंशी ने ठीक से बात नहीं की, दो बार आना पड़ा।',
      'तीन हफ्ते से मेरे मामले की कोई जानकारी नहीं दी गई।',
      'थाने में कोई सुनने वाला नहीं था।',
    ],
  },
  en: {
    good: [
      'The duty officer listened patiently and registered my complaint at once.',
      'My lost-phone report was taken quickly. Thank you.',
      'Verification was done on time and the staff were polite.',
      'Clean waiting area, and drinking water was available.',
    ],
    mixed: [
      'The work was done, but I waited almost two hours.',
      'I got the receipt only after asking twice.',
      'The toilet was not clean; otherwise fine.',
    ],
    bad: [
      'They refused to write my complaint and told me to come back tomorrow.',
      'Rude behaviour at the front desk; I had to visit three times.',
      'No update on my case for three weeks.',
    ],
  },
};

const MONEY_DETAILS: Record<Lang, string[]> = {
  hi: ['एफआईआर लिखने के लिए ₹500 मांगे गए।', 'रिपोर्ट की प्रति देने के लिए पैसे मांगे।', 'गाड़ी छोड़ने के लिए पैसों की मांग की गई।'],
  en: ['I was asked for ₹500 to register the FIR.', 'They asked for money to give a copy of the report.', 'Money was demanded to release my vehicle.'],
};

/** One sample response: answers drawn from its station's model at its time. */
function sampleResponse(n: number, model: StationModel, receivedAt: number, now: number, random: Random): Record<string, unknown> {
  const { station } = model;
  const position = 1 - (now - receivedAt) / SAMPLE_SPAN_MS;
  const mean = model.mean + model.drift * (position - 0.5);
  const lang: Lang = random.chance(0.68) ? 'hi' : 'en';
  const staff = clampRating(mean + random.gauss() * 0.85);
  const overall = clampRating((staff + mean) / 2 + random.gauss() * 0.6);
  // How well it went, 0 to 1, for the choices below.
  const s = (staff - 1) / 4;
  const purpose = station.kind === 'traffic' && random.chance(0.6) ? 'traffic'
    : random.weighted({ complaint: 35, lost: 20, verification: 18, traffic: 10, followup: 10, other: 7 });
  const heard = purpose === 'complaint' || purpose === 'followup' || purpose === 'lost';
  const moneyRate = { poor: 0.07, fair: 0.03, good: 0.01 }[model.grade] * (staff <= 2 ? 2 : 1);
  const money = random.chance(0.02) ? 'nosay' : random.chance(moneyRate) ? 'yes' : 'no';

  const createdAt = receivedAt - (random.chance(0.93) ? random.between(5_000, 120_000) : random.between(HOUR_MS, 30 * HOUR_MS));
  const ref = setRefFor(station);
  const answers: Answers = ref === 'default@1'
    ? stationAnswers(n, lang, purpose, heard, s, staff, money, overall, model, createdAt, random)
    : unitAnswers(ref, lang, s, staff, money, overall, createdAt, random);
  const base = {
    schema: 'anubhav.feedback/v1',
    id: `${SAMPLE_ID_PREFIX}0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    createdAt: new Date(createdAt).toISOString(),
    station: station.id,
    district: station.district.id,
    lang,
    source: random.chance(0.75) ? 'qr' : 'web',
    ...(ref !== 'default@1' && { questionSet: ref }),
    answers,
  };
  // India has no mobile range set aside for fiction, as 555 is in films:
  // numbers of zeros after a 6 read as made up at a glance.
  return (random.chance(staff <= 2 || money === 'yes' ? 0.4 : 0.22)
    ? {
      ...base, anonymous: false,
      contact: {
        name: lang === 'hi' ? `नमूना नागरिक ${n}` : `Sample Citizen ${n}`,
        mobile: `60000${String(n % 100_000).padStart(5, '0')}`,
        callback: random.chance(staff <= 2 || money === 'yes' ? 0.75 : 0.4),
      },
    }
    : { ...base, anonymous: true });
}

/** The day of a visit or call: mostly the day the response was written, sometimes a few days before. */
const sampleDay = (createdAt: number, random: Random) =>
  new Date(createdAt + IST_MS - (random.chance(0.85) ? 0 : Math.ceil(random.between(0, 3)) * DAY_MS)).toISOString().slice(0, 10);

/** A station's or office's answers to `default@1`. */
function stationAnswers(
  n: number, lang: Lang, purpose: string, heard: boolean, s: number, staff: number, money: string, overall: number,
  model: StationModel, createdAt: number, random: Random,
): Answers {
  const answers: Answers = { purpose, staffBehaviour: staff, moneyDemanded: money, overall };
  if (random.chance(0.55)) answers.visitDate = sampleDay(createdAt, random);
  if (random.chance(0.75)) {
    answers.heardPromptly = heard
      ? random.weighted({ yes: 0.2 + s, delayed: 0.35 * (1 - s) + 0.05, refused: 0.25 * (1 - s) ** 2 })
      : random.chance(0.7) ? 'na' : 'yes';
  }
  if (random.chance(0.65)) answers.receipt = heard ? random.weighted({ yes: 0.3 + s, no: 0.7 * (1 - s) + 0.05 }) : 'na';
  if (random.chance(0.7)) {
    answers.timeTaken = random.weighted({ lt30m: 0.1 + 0.5 * s, lt2h: 0.35, gt2h: 0.3 * (1 - s) + 0.05, again: 0.3 * (1 - s) ** 2 + 0.02 });
  }
  if (money === 'yes' && random.chance(0.6)) answers.moneyDetail = `${SAMPLE_MARK} ${random.pick(MONEY_DETAILS[lang])}`;
  if (random.chance(0.7)) answers.facilities = clampRating(model.facilities + random.gauss() * 0.8);
  if (random.chance(0.85)) {
    answers.resolved = random.weighted({ yes: 0.15 + 0.7 * s, partly: 0.25, no: 0.45 * (1 - s) ** 1.5 + 0.02, pending: 0.2 });
  }
  if (random.chance(0.06)) answers.officer = lang === 'hi' ? `उप निरीक्षक नमूना ${1 + (n % 40)}` : `SI Sample ${1 + (n % 40)}`;
  if (random.chance(staff <= 2 ? 0.6 : 0.3)) {
    const mood = staff >= 4 ? 'good' : staff === 3 ? 'mixed' : 'bad';
    answers.comment = `${SAMPLE_MARK} ${random.pick(COMMENTS[lang][mood])}`;
  }
  return answers;
}

/** Sample comments and money details for Dial 112, the control room and traffic. */
const UNIT_TEXTS: Record<Lang, { good: string; bad: string; money: string }> = {
  hi: { good: 'पुलिस जल्दी पहुँची और अच्छे से मदद की।', bad: 'बहुत देर हुई, कोई ठीक से बात नहीं सुनी।', money: 'मदद के बदले पैसे मांगे गए।' },
  en: { good: 'The police came quickly and helped well.', bad: 'It took very long and nobody listened properly.', money: 'Money was asked for in return for help.' },
};

/**
 * The answers of a unit with a set of its own: Dial 112 (how soon the
 * vehicle came, drawn from how well the unit does), the control room or
 * traffic. `s` is how well it went, 0 to 1.
 */
function unitAnswers(ref: string, lang: Lang, s: number, staff: number, money: string, overall: number, createdAt: number, random: Random): Answers {
  const answers: Answers = { moneyDemanded: money, overall };
  const day = random.chance(0.5) ? sampleDay(createdAt, random) : undefined;
  if (ref === 'dial-112@1') {
    const arrival = random.weighted({ lt10m: 0.1 + 0.5 * s, lt20m: 0.3, lt40m: 0.25 * (1 - s) + 0.05, gt40m: 0.15 * (1 - s) + 0.02, none: 0.05 * (1 - s) });
    Object.assign(answers, { arrival, ...(day && { callDate: day }) });
    if (arrival !== 'none') answers.staffBehaviour = staff;
    if (random.chance(0.85)) {
      answers.resolved = arrival === 'none' ? 'no' : random.weighted({ yes: 0.2 + 0.6 * s, partly: 0.2, referred: 0.2, no: 0.3 * (1 - s) + 0.02 });
    }
  } else if (ref === 'control-room@1') {
    Object.assign(answers, {
      answered: random.weighted({ yes: 0.3 + 0.6 * s, delayed: 0.3 * (1 - s) + 0.05, again: 0.2 * (1 - s) }),
      staffBehaviour: staff,
      ...(day && { callDate: day }),
    });
    if (random.chance(0.8)) answers.understood = random.weighted({ yes: 0.3 + 0.6 * s, partly: 0.25, no: 0.3 * (1 - s) });
    if (random.chance(0.8)) answers.helpSent = random.weighted({ yes: 0.2 + 0.6 * s, late: 0.25 * (1 - s) + 0.05, no: 0.15 * (1 - s), na: 0.15 });
  } else {
    Object.assign(answers, {
      reason: random.weighted({ helmet: 30, seatbelt: 10, documents: 20, speed: 10, signal: 8, drunk: 4, parking: 10, notTold: 3 + 10 * (1 - s), other: 5 }),
      staffBehaviour: staff,
      ...(day && { stopDate: day }),
    });
    if (random.chance(0.8)) answers.receipt = random.weighted({ echallan: 0.3 + 0.5 * s, receipt: 0.15, no: 0.3 * (1 - s), na: 0.15 });
  }
  if (money === 'yes' && random.chance(0.6)) answers.moneyDetail = `${SAMPLE_MARK} ${UNIT_TEXTS[lang].money}`;
  if (random.chance(staff <= 2 ? 0.5 : 0.2)) answers.comment = `${SAMPLE_MARK} ${UNIT_TEXTS[lang][staff >= 4 ? 'good' : 'bad']}`;
  return answers;
}

const ASSIGNEES = ['SHO (sample)', 'SDOP (sample)', 'Feedback cell (sample)'];
const NOTES: Record<Exclude<CaseStatus, 'new'> | 'money' | 'called', string> = {
  'in-progress': 'थाना प्रभारी से रिपोर्ट मांगी गई। / Report sought from the SHO.',
  'action-taken': 'संबंधित कर्मचारी को चेतावनी दी गई। / The staff member concerned was warned.',
  closed: 'समस्या का समाधान हुआ, प्रकरण बंद। / Resolved; case closed.',
  money: 'एसडीओपी को जाँच सौंपी गई। / Enquiry handed to the SDOP.',
  called: 'नागरिक से फ़ोन पर बात हुई। / Spoke to the citizen on the phone.',
};

/**
 * Where a case would be by now: most new ones untouched, most older ones
 * worked on or closed, and a money demand never left new past two days.
 */
function triage(payload: FeedbackPayload, ageDays: number, random: Random): CaseStatus {
  const money = payload.answers.moneyDemanded === 'yes';
  if (ageDays < 2) return random.chance(0.92) ? 'new' : 'in-progress';
  if (money) return random.weighted({ 'in-progress': 40, 'action-taken': 35, closed: ageDays > 14 ? 25 : 5 });
  return ageDays < 14
    ? random.weighted({ new: 30, 'in-progress': 35, 'action-taken': 20, closed: 15 })
    : random.weighted({ new: 10, 'in-progress': 15, 'action-taken': 25, closed: 50 });
}

/**
 * Seeds the sample, once per database: returns how many responses were
 * stored, 0 when the database holds the sample already. One transaction,
 * so a start that fails half-way leaves nothing behind, and a second start
 * finds all of it or none.
 */
export async function seedDemoData(store: FeedbackStore, catalog: Catalog, now: Date): Promise<number> {
  const stations = [...(catalog.stations?.values() ?? [])];
  if (!stations.length) throw new Error('demo data: the station directory is empty');
  return store.transaction(async (tx) => {
    if (await tx.hasKeyPrefix(SAMPLE_ID_PREFIX)) return 0;
    // Samples mixed into real responses would be counted in real reports:
    // the demo seeds only a database of its own.
    if (!await tx.isEmpty()) {
      throw new ConfigError('--demo-data: this database already holds responses that are not the demo\'s sample; '
        + 'give the demo a database of its own (--db data/demo.sqlite)');
    }
    const random = prng(SEED);
    const models = modelStations(stations, random);
    const total = models.reduce((sum, m) => sum + m.weight, 0);
    const end = now.getTime();
    let seeded = 0;
    for (const [i, receivedAt] of arrivals(SAMPLE_SIZE, end, random).entries()) {
      let r = random.next() * total;
      const model = models.find((m) => (r -= m.weight) < 0) ?? models[models.length - 1];
      // The real checks, so that a sample can never be something a citizen could not send.
      const parsed = parsePayload(sampleResponse(i + 1, model, receivedAt, end, random));
      const set = parsed.success ? catalog.sets.get(parsed.data.questionSet ?? 'default@1') : undefined;
      const issues = parsed.success ? (set ? checkAnswers(set, parsed.data.answers) : [{ path: 'questionSet', message: 'unknown' }]) : parsed.error.issues;
      if (!parsed.success || issues.length) throw new Error(`demo data: sample ${i + 1} is invalid: ${JSON.stringify(issues)}`);
      const payload = parsed.data;
      const result = await tx.insert(payload, model.station.district.id, new Date(receivedAt));
      if (result.kind !== 'created') throw new Error(`demo data: sample ${payload.id} was already stored`);
      seeded++;

      const status = triage(payload, (end - receivedAt) / DAY_MS, random);
      if (status === 'new') continue;
      const { seq } = result;
      const latest = end - 60_000;
      const picked = Math.min(latest, receivedAt + random.between(0.2, 3) * DAY_MS);
      const closed = Math.min(latest, picked + random.between(0.5, 8) * DAY_MS);
      // Closing stamps closedAt with the time given, from which retention counts.
      await tx.updateCase(seq, { status, assignee: random.pick(ASSIGNEES) }, new Date(status === 'closed' ? closed : picked));
      const money = payload.answers.moneyDemanded === 'yes';
      if (money || random.chance(0.5)) {
        const text = money ? NOTES.money : payload.contact?.callback && random.chance(0.6) ? NOTES.called : NOTES[status];
        await tx.addNote(seq, SAMPLE_AUTHOR, `${SAMPLE_MARK} ${text}`, new Date(picked));
      }
      if (status === 'closed' && random.chance(0.6)) await tx.addNote(seq, SAMPLE_AUTHOR, `${SAMPLE_MARK} ${NOTES.closed}`, new Date(closed));
    }
    return seeded;
  });
}

/** A demo account and the sign-in token it got at this start. */
export interface DemoAccount {
  role: Role;
  name: string;
  token: string;
}

/**
 * The three demo accounts, made on the first start and kept after, each
 * with a new sign-in token at every start. Only a token's hash is stored,
 * so the demo cannot print an old one again: a new one is made and
 * printed instead, and the old one, with its sessions, stops working.
 * Rotating in place rather than revoking and adding keeps one account
 * per role (not three more revoked ones per start), under the same id.
 */
/** The demo accounts' names, as `demoAccounts` makes them. */
const DEMO_NAMES = /^Demo (IG office|SP .+|viewer)$/;

export async function demoAccounts(store: FeedbackStore, catalog: Catalog, now: Date): Promise<DemoAccount[]> {
  const district = catalog.stations!.values().next().value!.district;
  const wanted: { role: Role; name: string; districts: string[] }[] = [
    { role: 'range', name: 'Demo IG office', districts: [] },
    { role: 'district', name: `Demo SP ${district.name.en}`, districts: [district.id] },
    { role: 'viewer', name: 'Demo viewer', districts: [] },
  ];
  return store.transaction(async (tx) => {
    const made: DemoAccount[] = [];
    for (const w of wanted) {
      const token = newAccountToken();
      const live = (await tx.accounts()).find((a) => !a.revokedAt && a.role === w.role && a.name === w.name
        && JSON.stringify(a.districts) === JSON.stringify(w.districts));
      if (live) await tx.rotateAccountToken(live.id, tokenHash(token));
      else await tx.addAccount(w, tokenHash(token), now);
      made.push({ role: w.role, name: w.name, token });
    }
    return made;
  });
}

/**
 * A start without `--demo-data` on a database the demo used: its accounts,
 * whose tokens were printed to a terminal, are revoked, so that no demo
 * token opens a database that goes on to hold real responses. Returns
 * their names.
 */
export async function retireDemoAccounts(store: FeedbackStore, now: Date): Promise<string[]> {
  const demo = (await store.accounts()).filter((a) => !a.revokedAt && DEMO_NAMES.test(a.name));
  for (const a of demo) await store.revokeAccount(a.id, now);
  return demo.map((a) => a.name);
}
