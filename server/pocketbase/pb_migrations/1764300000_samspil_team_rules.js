/// <reference path="../pb_data/types.d.ts" />
// Who reads and writes the team's seven collections (docs/backend-contract.md,
// "API rules"). These API rules decide who sees what — lists, views and
// realtime alike — and who may write at all; the JS hooks
// (pb_hooks/team.pb.js) check what rules cannot say: authorship, agreements,
// membership, roles, visibleTo, exact versions and tombstones.
//
// `me` is the signed-in account's person (@request.auth.person).
// - A record about a pupil is read by the pupil and the current members of
//   the pupil's team; everyone else sees nothing (lists are filtered, a view
//   by id answers 404, realtime sends nothing).
// - A check-in or comment the pupil kept to chosen members (`visibleTo`) is
//   read only by the pupil, its author and the members listed.
// - People: yourself, your teams' pupils and members, and — for a leader,
//   who appoints the peer space's moderators — the adults who may moderate.
// - Nobody deletes (tombstones instead; erasure has its own route), nobody
//   but the server's owner adds people, and nobody signs up.
//
// Rules that join `members` cost rows × members on every request, which at a
// few hundred pupils took seconds, and minutes for people. So each account
// carries hidden lists that pb_hooks/access.js keeps: `teams` (the pupils
// whose team I am in) and `contacts` (the people I may read); agreements and
// comments carry their goal's pupil in a hidden `pupilId`. The rules read
// those.

const ME = '@request.auth.person';
/** The most members a pupil keeps an item to (pb_hooks/team_rules.js refuses more). */
const MAX_VISIBLE_TO = 20;
const COLLECTIONS = ['people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments'];
/** Where the goal's pupil is kept, hidden, on records about a goal. */
const BY_GOAL = ['agreements', 'comments'];

/** The pupil `p` themselves, or a current member of p's team. */
function mine(p) {
  return `(${ME} != "" && (${p} = ${ME} || @request.auth.teams:each ?= ${p}))`;
}

/**
 * domain::visibility::can_see: an item for the whole team (no visibleTo),
 * or one I wrote, or one about me, or one that lists me. Being in the team
 * now is the read rule's part. PocketBase rules cannot ask "is in this JSON
 * list", so each place of the list is asked.
 */
const listed = Array.from({ length: MAX_VISIBLE_TO }, (_, i) => `visibleTo.${i} = ${ME}`).join(' || ');
const seen = `(visibleTo = null || personId = ${ME} || pupilId = ${ME} || ${listed})`;

const stamped = `@request.body.updatedBy = ${ME}`;
// A change based on an old version does not raise the stored one: refused
// with 404, read back as a conflict. The hooks then ask for exactly the next.
const raised = '@request.body.version > version';
const keepPupil = '(@request.body.pupilId:isset = false || @request.body.pupilId = pupilId)';
const keepGoal = '(@request.body.goalId:isset = false || @request.body.goalId = goalId)';

function rules(read, create, keep) {
  return {
    listRule: read,
    viewRule: read,
    createRule: create === null ? null : `${create} && ${stamped}`,
    updateRule: `${read} && ${keep} && ${stamped} && ${raised}`,
    deleteRule: null,
  };
}

const signedIn = `${ME} != ""`;
const RULES = {
  people: rules(`(${signedIn} && (id = ${ME} || @request.auth.contacts:each ?= id))`, null, 'true = true'),
  members: rules(mine('pupilId'), mine('@request.body.pupilId'), keepPupil),
  strengths: rules(mine('pupilId'), mine('@request.body.pupilId'), keepPupil),
  goals: rules(mine('pupilId'), mine('@request.body.pupilId'), keepPupil),
  checkins: rules(`(${mine('pupilId')} && ${seen})`, mine('@request.body.pupilId'), keepPupil),
  // The goal's pupil is not in the body of a new one: the hooks check the goal's team.
  agreements: rules(mine('pupilId'), signedIn, keepGoal),
  comments: rules(`(${mine('pupilId')} && ${seen})`, signedIn, keepGoal),
};

migrate((app) => {
  // The moderator flag (domain::Person::moderator), set by a leader: without
  // the field PocketBase would drop it from every person it stores. This
  // migration owns it (the peer space's, 1764400000, reads it).
  const people = app.findCollectionByNameOrId('people');
  people.fields.add(new BoolField({ name: 'moderator' }));
  app.save(people);
  for (const name of BY_GOAL) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.add(new TextField({ name: 'pupilId', hidden: true, max: 100 }));
    collection.addIndex(`idx_${name}_pupil`, false, 'pupilId', '');
    app.save(collection);
    app.db().newQuery(`UPDATE ${name} SET pupilId = COALESCE((SELECT g.pupilId FROM goals g WHERE g.id = ${name}.goalId), '')`).execute();
  }
  // Accounts: the lists the rules read (kept by pb_hooks/access.js, filled
  // for every account when the server starts). Each person sees only their
  // own account, without these; nobody signs up or links an account to a
  // person but the server's owner (server/pocketbase/accounts.mjs).
  const users = app.findCollectionByNameOrId('users');
  for (const name of ['teams', 'contacts']) {
    users.fields.add(new RelationField({ name, collectionId: people.id, maxSelect: 100000, hidden: true, cascadeDelete: false }));
  }
  Object.assign(users, {
    listRule: 'id = @request.auth.id',
    viewRule: 'id = @request.auth.id',
    createRule: null,
    updateRule: null,
    deleteRule: null,
    manageRule: null,
  });
  app.save(users);
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    Object.assign(collection, RULES[name]);
    app.save(collection);
  }
}, (app) => {
  // Back to 1764100001's rules: joins with `members` (and `goals`), no
  // visibleTo, anyone signed in adds people.
  const member = (p, alias) => `@collection.members:${alias}.pupilId ?= ${p} && @collection.members:${alias}.personId ?= ${ME} && ` +
    `@collection.members:${alias}.deleted ?= false`;
  const team = (p) => `(${ME} != "" && (${p} = ${ME} || (${member(p, 'team')})))`;
  const goalTeam = (g) => `(${ME} != "" && @collection.goals:tg.id ?= ${g} && (@collection.goals:tg.pupilId ?= ${ME} || ` +
    `(@collection.members:tgm.pupilId ?= @collection.goals:tg.pupilId && @collection.members:tgm.personId ?= ${ME} && ` +
    `@collection.members:tgm.deleted ?= false)))`;
  const peopleRead = `(${ME} != "" && (id = ${ME} || ` +
    `(@collection.members:us.personId ?= ${ME} && @collection.members:us.deleted ?= false && ` +
    `(@collection.members:us.pupilId ?= id || (@collection.members:them.personId ?= id && ` +
    `@collection.members:them.pupilId ?= @collection.members:us.pupilId && @collection.members:them.deleted ?= false))) || ` +
    `(@collection.members:them.personId ?= id && @collection.members:them.pupilId ?= ${ME} && ` +
    `@collection.members:them.deleted ?= false)))`;
  const before = {
    people: rules(peopleRead, signedIn, 'true = true'),
    members: rules(team('pupilId'), team('@request.body.pupilId'), keepPupil),
    strengths: rules(team('pupilId'), team('@request.body.pupilId'), keepPupil),
    goals: rules(team('pupilId'), team('@request.body.pupilId'), keepPupil),
    agreements: rules(goalTeam('goalId'), goalTeam('@request.body.goalId'), keepGoal),
    checkins: rules(team('pupilId'), team('@request.body.pupilId'), keepPupil),
    comments: rules(goalTeam('goalId'), goalTeam('@request.body.goalId'), keepGoal),
  };
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    Object.assign(collection, before[name]);
    if (name === 'people') collection.fields.removeByName('moderator');
    if (BY_GOAL.includes(name)) {
      collection.removeIndex(`idx_${name}_pupil`);
      collection.fields.removeByName('pupilId');
    }
    app.save(collection);
  }
  const users = app.findCollectionByNameOrId('users');
  users.fields.removeByName('teams');
  users.fields.removeByName('contacts');
  app.save(users);
});
