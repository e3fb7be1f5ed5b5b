// The PocketBase side of team_rules.js: reads what the rules ask about from
// the database, and applies them to a create or update request inside one
// transaction, so that the checks and the write see the same data (of eight
// concurrent updates based on one version exactly one is stored).
// Loaded by team.pb.js with require() inside each handler: PocketBase runs
// handlers in pooled JS engines that share no top-level state.

const rules = require(`${__hooks}/team_rules.js`);
const records = require(`${__hooks}/records.js`);

/** A record as the plain JSON the app sends and receives. */
function plain(record) {
  return JSON.parse(JSON.stringify(record));
}

function findOne(app, collection, id) {
  try {
    return plain(app.findRecordById(collection, id));
  } catch (_) {
    return null;
  }
}

/** What team_rules.js may ask about, read through `app` (the transaction). */
function lookIn(app) {
  const teams = {};
  return {
    person: (id) => (typeof id === 'string' && id ? findOne(app, 'people', id) : null),
    members(pupilId) {
      if (typeof pupilId !== 'string') return [];
      if (!teams[pupilId]) {
        teams[pupilId] = app.findRecordsByFilter('members', 'pupilId = {:pupil}', '', 0, 0, { pupil: pupilId }).map(plain);
      }
      return teams[pupilId];
    },
    goal: (id) => (typeof id === 'string' && id ? findOne(app, 'goals', id) : null),
    today: new Date().toISOString().slice(0, 10),
  };
}

/**
 * Checks a create (`update` false) or update request of a team collection
 * and, when it is allowed, stamps `updatedAt` with the server's time and
 * lets PocketBase store it. The server's owner (superuser) is not checked:
 * seeding and the operator's repairs go through as sent.
 */
function guard(e, update) {
  if (e.hasSuperuserAuth()) return e.next();
  const collection = e.collection.name;
  const me = e.auth ? e.auth.getString('person') : '';
  e.app.runInTransaction((tx) => {
    const look = lookIn(tx);
    const record = plain(e.record);
    let refusal;
    if (update) {
      const stored = findOne(tx, collection, e.record.original().id);
      refusal = stored ? rules.checkUpdate(collection, look, me, stored, record) : 'There is no such record.';
    } else {
      refusal = rules.checkCreate(collection, look, me, record);
    }
    if (refusal && refusal.status === 400) throw new BadRequestError(refusal.message);
    if (refusal) throw new ForbiddenError(refusal);
    e.record.set('updatedAt', records.serverTime());
    e.app = tx;
    e.next();
  });
}

module.exports = { guard };
