// Who may read what, kept on each account so the API rules need no joins.
//
// PocketBase compares every row of a list with every row of a joined
// collection (a rule such as "a members record names me and this pupil"
// costs rows × members on each request: with a few hundred pupils a teacher
// waited seconds for her check-ins and the people list timed out). So each
// account (`users`) carries two hidden lists the rules read instead
// (migration 1764300000):
//
// - `teams`: the pupils whose team the account's person is a current member
//   of (domain::Db::is_in_team; never for a leader);
// - `contacts`: the people the person may read besides themself: those
//   pupils and the current members of their teams; for a pupil, the members
//   of their own team; for a leader, the adults who may moderate (to appoint
//   them; domain::peer::may_moderate).
//
// They are computed from `people` and `members` here, and computed again
// whenever a membership, a person or an account changes (team.pb.js), in the
// same transaction as that change, and for every account when the server
// starts. Agreements and comments carry their goal's pupil in a hidden
// `pupilId` (set here when they are stored), so their rules need no join
// with `goals` either.

const ADULTS_WHO_MODERATE = ['teacher', 'coach', 'other', 'leader'];

function plain(record) {
  return JSON.parse(JSON.stringify(record));
}

function people(app, ids) {
  const found = {};
  const list = ids.filter((id) => typeof id === 'string' && id);
  if (!list.length) return found;
  for (const r of app.findRecordsByIds('people', list)) found[r.id] = plain(r);
  return found;
}

function currentMembers(app, filter, params) {
  return app.findRecordsByFilter('members', `${filter} && deleted = false`, '', 0, 0, params).map(plain);
}

/** { teams, contacts } of a person, as described above. */
function accessOf(app, personId) {
  const me = people(app, [personId])[personId];
  if (!me) return { teams: [], contacts: [] };
  const leader = me.role === 'leader';
  const teams = leader ? [] : [...new Set(currentMembers(app, 'personId = {:me}', { me: personId }).map((m) => m.pupilId))];
  const pupils = teams.concat(me.role === 'pupil' ? [personId] : []);
  const wanted = new Set(teams);
  for (const pupil of pupils) {
    for (const m of currentMembers(app, 'pupilId = {:pupil}', { pupil })) wanted.add(m.personId);
  }
  wanted.delete(personId);
  const found = people(app, [...wanted]);
  // A leader named by a member record is in no team (domain::Db::team), and nobody reads them through it.
  let contacts = Object.values(found).filter((p) => p.role !== 'leader').map((p) => p.id);
  if (leader) {
    const adults = app.findRecordsByFilter('people', ADULTS_WHO_MODERATE.map((r) => `role = '${r}'`).join(' || '), '', 0, 0);
    contacts = [...new Set(contacts.concat(adults.map((p) => p.id).filter((id) => id !== personId)))];
  }
  return { teams: teams.filter((id) => found[id]), contacts: contacts.sort() };
}

/** Writes the account's lists afresh (a person without an account: nothing to do). */
function refreshPerson(app, personId) {
  let account;
  try {
    account = app.findFirstRecordByData('users', 'person', personId);
  } catch (_) {
    return;
  }
  refreshAccount(app, account);
}

function refreshAccount(app, account) {
  const access = accessOf(app, account.getString('person'));
  const same = (field, ids) => JSON.stringify(account.getStringSlice(field).slice().sort()) === JSON.stringify(ids.slice().sort());
  if (same('teams', access.teams) && same('contacts', access.contacts)) return;
  account.set('teams', access.teams);
  account.set('contacts', access.contacts);
  app.save(account);
}

/** Everyone in the pupil's team, past members included (their lists may have changed). */
function teamOf(app, pupilId) {
  const ids = new Set([pupilId]);
  for (const m of app.findRecordsByFilter('members', 'pupilId = {:pupil}', '', 0, 0, { pupil: pupilId })) {
    ids.add(m.getString('personId'));
  }
  return ids;
}

/** After a membership changed (added, removed, or erased). */
function membershipChanged(app, member) {
  for (const id of teamOf(app, member.getString('pupilId'))) refreshPerson(app, id);
  refreshPerson(app, member.getString('personId'));
}

/** After a person was added, changed or erased: their teams' people, and the leaders, may read differently. */
function personChanged(app, person, before) {
  const role = person.getString('role');
  const was = before ? before.getString('role') : null;
  const deleted = person.getBool('deleted') !== (before ? before.getBool('deleted') : false);
  if (before && role === was && !deleted) return; // a new name: the lists hold ids only
  const affected = new Set([person.id]);
  for (const id of teamOf(app, person.id)) affected.add(id);
  for (const m of app.findRecordsByFilter('members', 'personId = {:id}', '', 0, 0, { id: person.id })) {
    for (const id of teamOf(app, m.getString('pupilId'))) affected.add(id);
  }
  for (const leader of app.findRecordsByFilter('people', "role = 'leader'", '', 0, 0)) affected.add(leader.id);
  for (const id of affected) refreshPerson(app, id);
}

/** Every account afresh: when the server starts (after migrations, or changes made without the hooks). */
function refreshAll(app) {
  for (const account of app.findAllRecords('users')) refreshAccount(app, account);
}

/**
 * domain::Db::is_in_team for the signed-in account: its person is the pupil
 * themself, or a current member of the pupil's team (and no leader) — read
 * from the account's `teams`, the list the read rules use too.
 */
function isInTeam(account, pupilId) {
  if (!account || account.collection().name !== 'users' || typeof pupilId !== 'string' || pupilId === '') return false;
  return account.getString('person') === pupilId || account.getStringSlice('teams').includes(pupilId);
}

/** The goal's pupil on an agreement or comment, for the read rules. */
function stampPupil(app, record) {
  let pupil = '';
  try {
    pupil = app.findRecordById('goals', record.getString('goalId')).getString('pupilId');
  } catch (_) {
    // A goal the server does not have (yet): nobody but the owner reads the record.
  }
  record.set('pupilId', pupil);
}

/**
 * After a goal was stored: agreements and comments the server's owner stored
 * before it (nobody else can: the hooks want the goal first) get its pupil.
 */
function goalArrived(app, goal) {
  for (const name of ['agreements', 'comments']) {
    for (const r of app.findRecordsByFilter(name, "goalId = {:goal} && pupilId = ''", '', 0, 0, { goal: goal.id })) {
      r.set('pupilId', goal.getString('pupilId'));
      app.save(r);
    }
  }
}

/** Before a record is stored for the first time. */
function beforeCreate(app, record) {
  const name = record.collection().name;
  if (name === 'agreements' || name === 'comments') stampPupil(app, record);
}

/**
 * After a record was stored (`before`: as it was, on an update) or deleted
 * (`before` null): whose lists may read differently now.
 */
function saved(app, record, before) {
  switch (record.collection().name) {
    case 'members':
      return membershipChanged(app, record);
    case 'people':
      return personChanged(app, record, before);
    case 'goals':
      return goalArrived(app, record);
    case 'users':
      // A new account, or one linked to another person (refreshing saves it again, unchanged in `person`).
      if (!before || before.getString('person') !== record.getString('person')) refreshAccount(app, record);
      return undefined;
    default:
      return undefined;
  }
}

module.exports = { refreshAll, beforeCreate, saved, isInTeam };
