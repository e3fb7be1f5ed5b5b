/// <reference path="../pb_data/types.d.ts" />
// Samspil's collections and their API rules (see docs/backend-contract.md,
// "PocketBase"). Record ids are Samspil's own (UUIDs made on the device, or the
// readable ids of the demo data), so the `id` field accepts [a-z0-9-], up to 100.
//
// Who may do what — `me` is the signed-in account's person (@request.auth.person):
//   a record about a pupil (pupilId) is for the pupil and the members of the
//   pupil's team (a `members` record that is not a tombstone); a record about a
//   goal (goalId) is for the team of the goal's pupil. Everyone else sees
//   nothing (lists are filtered, a view by id answers 404). Nobody deletes
//   (tombstones instead). Every write is stamped by its author
//   (updatedBy = me), and an update must raise `version` past the stored one,
//   so a change based on an old version is refused (no lost updates).
//
// To add a collection: one new migration in this folder, copying the rules of
// a collection keyed the same way (pupilId or goalId) below.

const ME = "@request.auth.person";

/** The pupil `p` themselves, or a current member of p's team. `alias` names the join. */
function team(p, alias) {
  return `(${ME} != "" && (${p} = ${ME} || (@collection.members:${alias}.pupilId ?= ${p} && ` +
    `@collection.members:${alias}.personId ?= ${ME} && @collection.members:${alias}.deleted ?= false)))`;
}

/** The team of the pupil whose goal `g` is. */
function goalTeam(g) {
  return `(${ME} != "" && @collection.goals:tg.id ?= ${g} && (@collection.goals:tg.pupilId ?= ${ME} || ` +
    `(@collection.members:tgm.pupilId ?= @collection.goals:tg.pupilId && @collection.members:tgm.personId ?= ${ME} && ` +
    `@collection.members:tgm.deleted ?= false)))`;
}

/** Rules for a collection whose records belong to the team of `key` (a field). */
function rules(access) {
  const stamped = `@request.body.updatedBy = ${ME}`;
  return {
    listRule: access.read,
    viewRule: access.read,
    createRule: `${access.create} && ${stamped}`,
    updateRule: `${access.read} && ${access.keep} && ${stamped} && @request.body.version > version`,
    deleteRule: null,
  };
}

/** Records keyed by pupilId: readable and writable by that pupil's team. */
const byPupil = {
  read: team("pupilId", "team"),
  create: team("@request.body.pupilId", "team"),
  // The pupil a record belongs to never changes.
  keep: `(@request.body.pupilId:isset = false || @request.body.pupilId = pupilId)`,
};

/** Records keyed by goalId: readable and writable by the team of the goal's pupil. */
const byGoal = {
  read: goalTeam("goalId"),
  create: goalTeam("@request.body.goalId"),
  keep: `(@request.body.goalId:isset = false || @request.body.goalId = goalId)`,
};

/** People: yourself, the pupils whose team you are in, and everyone in your teams.
 * Two joins of members only (`us`: my membership, `them`: theirs), since each
 * join multiplies the rows the server looks at. */
const people = {
  read: `(${ME} != "" && (id = ${ME} || ` +
    // I am in team T (us), and they are T's pupil or a member of T.
    `(@collection.members:us.personId ?= ${ME} && @collection.members:us.deleted ?= false && ` +
    `(@collection.members:us.pupilId ?= id || (@collection.members:them.personId ?= id && ` +
    `@collection.members:them.pupilId ?= @collection.members:us.pupilId && @collection.members:them.deleted ?= false))) || ` +
    // I am the pupil, and they are a member of my team.
    `(@collection.members:them.personId ?= id && @collection.members:them.pupilId ?= ${ME} && ` +
    `@collection.members:them.deleted ?= false)))`,
  // Anyone signed in may add a person (a new pupil, a parent); only the team sees them.
  create: `${ME} != ""`,
  keep: "true = true",
};

const id = () => ({
  name: "id", type: "text", system: true, primaryKey: true, required: true,
  min: 1, max: 100, pattern: "^[a-z0-9-]+$", autogeneratePattern: "[a-z0-9]{15}",
});
const text = (name, required) => ({ name, type: "text", required: !!required, max: 20000 });
const json = (name) => ({ name, type: "json", maxSize: 1000000 });
const number = (name, onlyInt) => ({ name, type: "number", onlyInt: !!onlyInt });
const bool = (name) => ({ name, type: "bool" });
/** What every record carries for synchronisation. */
const meta = () => [text("clientId"), number("version", true), text("updatedAt"), text("updatedBy"), bool("deleted")];

const COLLECTIONS = [
  {
    name: "people", access: people,
    fields: [text("name", true), text("role", true), text("organisation")],
  },
  {
    name: "members", access: byPupil,
    fields: [text("pupilId", true), text("personId", true), text("since", true)],
    indexes: ["CREATE INDEX idx_members_team ON members (pupilId, personId)", "CREATE INDEX idx_members_person ON members (personId)"],
  },
  {
    name: "strengths", access: byPupil,
    fields: [text("pupilId", true), text("kind", true), text("text", true), json("circle"), text("addedBy"), bool("confirmed")],
  },
  {
    name: "goals", access: byPupil,
    fields: [text("pupilId", true), number("revision", true), json("content"), text("proposedBy"), text("proposedOn"), json("history"), json("ended")],
  },
  {
    name: "agreements", access: byGoal,
    fields: [text("goalId", true), number("revision", true), text("personId", true), text("on")],
  },
  {
    name: "checkins", access: byPupil,
    fields: [text("goalId", true), text("pupilId", true), text("personId", true), text("on"), json("gas"), json("value"), text("note"), json("mood")],
  },
  {
    name: "comments", access: byGoal,
    fields: [text("goalId", true), text("personId", true), text("on"), text("text"), bool("encouragement")],
  },
];

migrate((app) => {
  for (const c of COLLECTIONS) {
    const keyIndexes = ["pupilId", "goalId"]
      .filter((k) => c.fields.some((f) => f.name === k))
      .map((k) => `CREATE INDEX idx_${c.name}_${k} ON ${c.name} (${k})`);
    const collection = new Collection({
      type: "base",
      name: c.name,
      fields: [id(), ...c.fields, ...meta()],
      indexes: [
        `CREATE INDEX idx_${c.name}_updatedAt ON ${c.name} (updatedAt)`,
        `CREATE INDEX idx_${c.name}_clientId ON ${c.name} (clientId)`,
        ...keyIndexes,
        ...(c.indexes ?? []),
      ],
    });
    app.save(collection);
  }
  // Rules last: they join collections that must exist first.
  for (const c of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(c.name);
    Object.assign(collection, rules(c.access));
    app.save(collection);
  }
}, (app) => {
  for (const c of [...COLLECTIONS].reverse()) {
    app.delete(app.findCollectionByNameOrId(c.name));
  }
});
