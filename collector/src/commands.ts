/**
 * Commands run on the collector's machine by whoever can open its database.
 *
 * `anubhav-collector accounts add|list|revoke`: the office accounts, managed
 * on the collector's machine by whoever can open its database. A new
 * account's sign-in token is printed once and never stored: only its hash.
 */
import { parseArgs } from 'node:util';
import { ASCII_ID } from 'anubhav-widgets/core';
import { newAccountToken, tokenHash } from './auth.js';
import { ConfigError, redactUrl } from './config.js';
import { normaliseReference } from './references.js';
import { openStore, type Account, type Role, type Store } from './store.js';

/** The store a command works on; a database it cannot open is the operator's to fix (one line, exit 2). */
export async function openCommandStore(db: string, options: { migrate?: boolean } = {}): Promise<Store> {
  try {
    return await openStore(db, options);
  } catch (err) {
    throw new ConfigError(`--db ${redactUrl(db)}: ${(err as Error).message}`);
  }
}

export const ACCOUNTS_USAGE = `anubhav-collector accounts: the office accounts that may read responses.

  anubhav-collector accounts add --name NAME --role ROLE [--district ID]... [--db FILE]
      ROLE is range (the IG office: every district), district (an SP's office:
      its --district ids, one or more) or viewer (read-only, never sees names or
      mobile numbers: its --district ids, or every district without one).
      Prints the account's sign-in token once; only a hash of it is kept.
  anubhav-collector accounts list [--db FILE]
  anubhav-collector accounts revoke ID [--db FILE]
      The token stops working at once; the account stays listed as revoked.

--db defaults to ANUBHAV_DB, else data/anubhav.sqlite.`;

const ROLES: Role[] = ['range', 'district', 'viewer'];

function describe(a: Account): string {
  const where = a.role === 'range' ? 'all districts' : a.districts.length ? a.districts.join(', ') : 'all districts';
  return `${String(a.id).padStart(3)}  ${a.role.padEnd(8)}  ${a.name}  (${where})${a.revokedAt ? `  revoked ${a.revokedAt}` : ''}`;
}

/** Runs one accounts command; returns what to print. Throws ConfigError for bad input. */
export async function accountsCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' }, role: { type: 'string' }, district: { type: 'string', multiple: true },
        db: { type: 'string' }, help: { type: 'boolean' },
      },
      allowPositionals: command === 'revoke',
      strict: true,
    });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || !command || command === '--help') return ACCOUNTS_USAGE;
  if (!['add', 'list', 'revoke'].includes(command)) throw new ConfigError(`accounts: no command "${command}"; use add, list or revoke`);
  const db = values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite';

  if (command === 'add') {
    const name = values.name?.trim();
    if (!name || name.length > 100) throw new ConfigError('accounts add needs --name, 1 to 100 characters, e.g. --name "SP Korba"');
    const role = values.role as Role;
    if (!ROLES.includes(role)) throw new ConfigError(`accounts add needs --role ${ROLES.join(', ')}, not "${values.role ?? ''}"`);
    const districts = [...new Set(values.district ?? [])];
    const bad = districts.find((d) => !ASCII_ID.test(d));
    if (bad !== undefined) throw new ConfigError(`--district "${bad}" is not a district id (ASCII letters, digits, ".", "_" or "-")`);
    if (role === 'district' && !districts.length) throw new ConfigError('a district account needs --district, e.g. --district korba');
    if (role === 'range' && districts.length) throw new ConfigError('a range account covers every district; leave out --district');
    const token = newAccountToken();
    const store = await openCommandStore(db);
    try {
      const account = await store.addAccount({ name, role, districts }, tokenHash(token));
      return `Added account ${account.id}: ${describe(account).trim()}\n`
        + `Its sign-in token, shown this once (it is not stored; revoke the account and add another if it is lost):\n${token}`;
    } finally {
      await store.close();
    }
  }

  const store = await openCommandStore(db);
  try {
    if (command === 'list') {
      const accounts = await store.accounts();
      return accounts.length ? accounts.map(describe).join('\n') : 'No accounts yet. Add one with: anubhav-collector accounts add --name NAME --role ROLE';
    }
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new ConfigError('accounts revoke needs one account id (see accounts list)');
    if (!await store.revokeAccount(id)) throw new ConfigError(`no live account ${id} (see accounts list)`);
    return `Revoked account ${id}: its token no longer works.`;
  } finally {
    await store.close();
  }
}

/**
 * `anubhav-collector erase REFERENCE`: a citizen asked, by phone or letter,
 * for their details to be deleted. The name and mobile go for good, the
 * answers stay, and the erasure is audited as the console's would be.
 */
export async function eraseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const [given, ...extra] = parsed.positionals;
  if (!given || extra.length) throw new ConfigError('erase needs one reference, e.g. anubhav-collector erase AN-7K3M-9QX');
  const reference = normaliseReference(given) ?? given.trim();
  const store = await openCommandStore(parsed.values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite');
  try {
    const found = await store.caseByReference(reference);
    if (!found) throw new ConfigError(`no case with reference ${reference}`);
    if (!await store.eraseContact(found.seq, { who: 'command line', action: 'erase-contact', reference: found.reference })) {
      throw new ConfigError(found.contactErasedAt ? `the contact of ${found.reference} was already erased` : `${found.reference} has no contact: the citizen stayed anonymous`);
    }
    return `Erased the name and mobile number of ${found.reference}; its answers stay. The erasure is in the audit log.`;
  } finally {
    await store.close();
  }
}

/**
 * `anubhav-collector migrate [--db FILE|URL]`: brings the schema up to this
 * collector's version and says what it did. A start does the same; this
 * is for an operator who upgrades the database before the collectors (as
 * with several instances on one PostgreSQL).
 */
export async function migrateCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' } }, allowPositionals: false, strict: true });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const db = parsed.values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite';
  const store = await openCommandStore(db, { migrate: false });
  try {
    const { from, to } = await store.migrate();
    return from === to
      ? `${redactUrl(db)}: the schema is at version ${to}, this collector's; nothing to do.`
      : `${redactUrl(db)}: the schema went from version ${from} to ${to}.`;
  } finally {
    await store.close();
  }
}
