// The operator's command for Samspil accounts on a PocketBase server, without
// the dashboard (README, "How an operator makes accounts"). Nobody signs up
// (the API rules refuse it): whoever runs the server makes each account and
// links it to one Samspil person. No dependencies beyond Node.
//
//   node server/pocketbase/accounts.mjs add --email EMAIL --person ID [--password-stdin]
//                                          [--name NAME --role ROLE [--organisation ORG]]
//   node server/pocketbase/accounts.mjs password --email EMAIL [--password-stdin]
//   node server/pocketbase/accounts.mjs list
//   node server/pocketbase/accounts.mjs remove --email EMAIL
//
// `add` makes the person too when --name and --role are given and the server
// has no person with that id. Without --password-stdin a password is made up
// and printed once. The server is PB_URL (default http://127.0.0.1:8090), the
// superuser PB_SUPERUSER_EMAIL / PB_SUPERUSER_PASSWORD (default: the local
// demo superuser of pocketbase.mjs).
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPERUSER } from './pocketbase.mjs';

/** Roles a person may have (domain::Role). */
export const ROLES = ['pupil', 'teacher', 'coach', 'parent', 'other', 'leader'];
const PERSON_ID = /^[a-z0-9-]{1,100}$/;
/** PocketBase's own minimum for a password. */
const MIN_PASSWORD = 8;

/** A reason to stop, told to the operator without a stack trace. */
export class Refusal extends Error {}

/** A password of 4 groups of 5 letters and digits (about 100 bits), easy to read out. */
export function madeUpPassword() {
  // No 0/o, 1/l/i: a child copies it from paper.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/** A connection to the server as its superuser. */
export async function connect(url, { email = SUPERUSER.email, password = SUPERUSER.password } = {}) {
  const base = url.replace(/\/+$/, '');
  async function request(method, p, body, token) {
    let res;
    try {
      res = await fetch(base + p, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Refusal(`cannot reach ${base}: ${error.cause?.code ?? error.message}`);
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { message: text.slice(0, 200) };
    }
    return [res.status, json];
  }
  const [status, auth] = await request('POST', '/api/collections/_superusers/auth-with-password', { identity: email, password });
  if (status !== 200) throw new Refusal(`the superuser login was refused (HTTP ${status}): set PB_SUPERUSER_EMAIL and PB_SUPERUSER_PASSWORD`);
  const call = (method, p, body) => request(method, p, body, auth.token);

  /** Every account matching a filter, page by page. */
  async function accounts(filter) {
    const items = [];
    for (let page = 1; ; page++) {
      const f = filter ? `&filter=${encodeURIComponent(filter)}` : '';
      const [s, body] = await call('GET', `/api/collections/users/records?page=${page}&perPage=500&sort=email${f}`);
      if (s !== 200) throw new Refusal(`listing the accounts: HTTP ${s} ${body?.message ?? ''}`);
      items.push(...body.items);
      if (page >= body.totalPages) return items;
    }
  }

  async function person(id) {
    const [s, body] = await call('GET', `/api/collections/people/records/${encodeURIComponent(id)}`);
    return s === 200 ? body : null;
  }

  async function account(email) {
    const [found] = await accounts(`email = ${JSON.stringify(email)}`);
    return found ?? null;
  }

  return {
    /**
     * Makes an account for `personId` (and the person, given name and role).
     * Answers what was made.
     */
    async add({ email, personId, password, name, role, organisation = '' }) {
      if (!email || !email.includes('@')) throw new Refusal('give the account\'s --email');
      if (!PERSON_ID.test(personId ?? '')) throw new Refusal('give --person: the person\'s id, letters a-z, digits and -');
      if (password.length < MIN_PASSWORD) throw new Refusal(`a password has at least ${MIN_PASSWORD} characters`);
      let made = null;
      if (!(await person(personId))) {
        if (!name || !role) throw new Refusal(`there is no person ${personId}: give --name and --role to make them`);
        if (!ROLES.includes(role)) throw new Refusal(`--role is one of ${ROLES.join(', ')}`);
        const now = new Date().toISOString();
        const [s, body] = await call('POST', '/api/collections/people/records', {
          id: personId, name, role, organisation, clientId: personId, version: 1, updatedAt: now, updatedBy: '', deleted: false,
        });
        if (s !== 200) throw new Refusal(`making the person: HTTP ${s} ${body?.message ?? ''}`);
        made = body;
      }
      const linked = await accounts(`person = ${JSON.stringify(personId)}`);
      if (linked.length) throw new Refusal(`${personId} has an account already: ${linked[0].email}`);
      const [s, body] = await call('POST', '/api/collections/users/records', {
        email, password, passwordConfirm: password, person: personId, name: name ?? made?.name ?? '', verified: true,
      });
      if (s !== 200) {
        const detail = Object.entries(body?.data ?? {}).map(([field, e]) => `${field}: ${e.message}`).join('; ');
        throw new Refusal(`making the account: HTTP ${s} ${body?.message ?? ''} ${detail}`.trim());
      }
      return { account: body, person: made };
    },

    /** Gives an account a new password. */
    async password({ email, password }) {
      if (password.length < MIN_PASSWORD) throw new Refusal(`a password has at least ${MIN_PASSWORD} characters`);
      const found = await account(email);
      if (!found) throw new Refusal(`there is no account ${email}`);
      const [s, body] = await call('PATCH', `/api/collections/users/records/${found.id}`, { password, passwordConfirm: password });
      if (s !== 200) throw new Refusal(`changing the password: HTTP ${s} ${body?.message ?? ''}`);
    },

    /** Every account with its person's name and role. */
    async list() {
      const all = await accounts();
      const people = new Map();
      for (const a of all) people.set(a.person, await person(a.person));
      return all.map((a) => ({ email: a.email, person: a.person, name: people.get(a.person)?.name ?? '', role: people.get(a.person)?.role ?? '(no such person)' }));
    },

    /** Removes an account; the person and their data stay. */
    async remove({ email }) {
      const found = await account(email);
      if (!found) throw new Refusal(`there is no account ${email}`);
      const [s, body] = await call('DELETE', `/api/collections/users/records/${found.id}`);
      if (s !== 204) throw new Refusal(`removing the account: HTTP ${s} ${body?.message ?? ''}`);
    },
  };
}

/** `--name value` pairs and lone `--flags` of the command line. */
function options(args) {
  const found = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].match(/^--([a-z-]+)$/)?.[1];
    if (!flag) throw new Refusal(`unexpected ${JSON.stringify(args[i])}`);
    if (flag === 'password-stdin') found[flag] = true;
    else if (i + 1 < args.length) found[flag] = args[++i];
    else throw new Refusal(`--${flag} needs a value`);
  }
  return found;
}

/** The first line of standard input. */
async function firstLine() {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

const USAGE = `usage: node server/pocketbase/accounts.mjs COMMAND
  add --email EMAIL --person ID [--password-stdin] [--name NAME --role ROLE [--organisation ORG]]
  password --email EMAIL [--password-stdin]
  list
  remove --email EMAIL
Server: PB_URL (default http://127.0.0.1:8090); superuser: PB_SUPERUSER_EMAIL, PB_SUPERUSER_PASSWORD.`;

async function main([command, ...args]) {
  const known = ['add', 'password', 'list', 'remove'];
  if (!known.includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const o = options(args);
  const password = o['password-stdin'] ? await firstLine() : madeUpPassword();
  const server = await connect(process.env.PB_URL ?? 'http://127.0.0.1:8090', {
    email: process.env.PB_SUPERUSER_EMAIL ?? SUPERUSER.email,
    password: process.env.PB_SUPERUSER_PASSWORD ?? SUPERUSER.password,
  });
  const told = o['password-stdin'] ? '' : ` with the password ${password} (shown once: give it to them)`;
  if (command === 'add') {
    const made = await server.add({ email: o.email, personId: o.person, password, name: o.name, role: o.role, organisation: o.organisation });
    if (made.person) console.log(`made the person ${made.person.id}: ${made.person.name} (${made.person.role})`);
    console.log(`made the account ${made.account.email} for ${made.account.person}${told}`);
  } else if (command === 'password') {
    await server.password({ email: o.email, password });
    console.log(`changed the password of ${o.email}${told}`);
  } else if (command === 'list') {
    for (const a of await server.list()) console.log(`${a.email}\t${a.person}\t${a.name}\t${a.role}`);
  } else {
    await server.remove({ email: o.email });
    console.log(`removed the account ${o.email} (the person and their data stay)`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Refusal ? `accounts: ${error.message}` : error);
      process.exit(1);
    },
  );
}
