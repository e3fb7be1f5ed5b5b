/// <reference path="../pb_data/types.d.ts" />
// The peer space on the server (docs/backend-contract.md, "Peer space,
// effect report and erasure on PocketBase"): pseudonyms, posts and replies,
// "this helped me" marks, reports and moderators' decisions, with the same
// bookkeeping fields, id pattern and `updated` (server time, index
// (updated, id)) as the team's collections.
//
// Who reads what — `me` is the signed-in account's person:
//   a pupil: every pseudonym; their own posts, marks and reports; other
//     pupils' posts while a moderator's newest decision approves them (and
//     their post, for a reply); marks and decisions on posts that were ever
//     shown to pupils, or are their own;
//   a moderator (a teacher, coach, leader or other adult with `moderator`
//     set — never a pupil or parent): everything;
//   everyone else (parents, other adults, leaders who do not moderate,
//     anonymous requests): nothing.
// Pupils write as themselves only; moderators decide as themselves only.
// What the rules cannot say is checked by pb_hooks/peer.pb.js: pseudonyms,
// texts, versions, what an update may change, and that another pupil never
// receives a pupil's person id (the hook serves an alias instead).
//
// `personId` and `updatedBy` are hidden fields: nobody but a superuser can
// filter or sort by them (a filter on the author would give the author
// away) or write them; the hook writes them, from the signed-in person
// (after checking that the app sent the same), and puts them back into
// each answer as the reader may see them. `approved`, `shown` and `published` on posts are the server's own
// (never sent to anyone, set by the hook): whether a moderator's newest
// decision approves it, whether pupils other than the author see it now
// (approved, and its post shown too), and whether it was ever approved.

const ME = "@request.auth.person";

/** The signed-in person is a pupil (`a` names the join). */
const PUPIL = `(${ME} != "" && @collection.people:pa.id ?= ${ME} && @collection.people:pa.role ?= "pupil" && ` +
  `@collection.people:pa.deleted ?= false)`;
/** The signed-in person is an appointed moderator: an adult who works with young people (domain::peer::is_moderator). */
const MODERATOR = `(${ME} != "" && @collection.people:pm.id ?= ${ME} && @collection.people:pm.moderator ?= true && ` +
  `@collection.people:pm.deleted ?= false && @collection.people:pm.role ?!= "pupil" && @collection.people:pm.role ?!= "parent")`;
/** The post `postId` points at was ever approved, or is mine. */
const POST_SEEN = (alias) =>
  `(@collection.posts:${alias}.id ?= postId && (@collection.posts:${alias}.published ?= true || @collection.posts:${alias}.personId ?= ${ME}))`;
/** A change of my own record (the hook checks the rest). */
const MINE = `personId = ${ME}`;

const id = () => ({
  name: "id", type: "text", system: true, primaryKey: true, required: true,
  min: 1, max: 100, pattern: "^[a-z0-9-]+$", autogeneratePattern: "[a-z0-9]{15}",
});
const text = (name, required, max) => ({ name, type: "text", required: !!required, max: max ?? 20000 });
const hiddenText = (name, required) => ({ ...text(name, required, 100), hidden: true });
const number = (name) => ({ name, type: "number", onlyInt: true });
const bool = (name, hidden) => ({ name, type: "bool", hidden: !!hidden });
/** What every record carries for synchronisation; `updatedBy` names the author, so it is hidden too. */
const meta = () => [text("clientId", false, 100), number("version"), text("updatedAt", false, 40), hiddenText("updatedBy"), bool("deleted")];

const COLLECTIONS = [
  {
    name: "peerNames",
    fields: [hiddenText("personId", true), text("pseudonym", true, 100)],
    rules: { read: `(${PUPIL} || ${MODERATOR})`, create: PUPIL, update: `${PUPIL} && ${MINE}` },
  },
  {
    name: "posts",
    fields: [
      hiddenText("personId", true), text("topic", true, 20), text("kind", true, 20), text("text", true, 4000),
      text("postId", false, 100), text("on", true, 10), bool("approved", true), bool("shown", true), bool("published", true),
    ],
    rules: {
      // Besides the shown ones, a pupil reads approved replies to their own post.
      read: `(${MODERATOR} || (${PUPIL} && (personId = ${ME} || shown = true || (approved = true && ` +
        `@collection.posts:pp.id ?= postId && @collection.posts:pp.personId ?= ${ME}))))`,
      create: PUPIL,
      update: `${PUPIL} && ${MINE}`,
    },
  },
  {
    name: "helped",
    fields: [text("postId", true, 100), hiddenText("personId", true)],
    rules: {
      read: `(${MODERATOR} || (${PUPIL} && (personId = ${ME} || ${POST_SEEN("hp")})))`,
      create: PUPIL,
      update: `${PUPIL} && ${MINE}`,
    },
  },
  {
    name: "reports",
    fields: [text("postId", true, 100), hiddenText("personId", true), text("at", true, 40)],
    rules: { read: `(${MODERATOR} || (${PUPIL} && personId = ${ME}))`, create: PUPIL, update: null },
  },
  {
    name: "moderations",
    fields: [
      text("postId", true, 100), hiddenText("personId", true), text("decision", true, 20), text("reason", false, 2000),
      text("at", true, 40),
    ],
    rules: { read: `(${MODERATOR} || (${PUPIL} && ${POST_SEEN("mp")}))`, create: MODERATOR, update: null },
  },
];

migrate((app) => {
  // The leader's appointment (domain::peer::appoint_moderator), `moderator`
  // on people, comes with the team's rules (1764300000), which own it.
  if (!app.findCollectionByNameOrId("people").fields.getByName("moderator")) {
    throw new Error("people.moderator is missing: migration 1764300000 comes first");
  }

  // The key of the pupils' aliases: made once, readable by superusers only.
  const secrets = new Collection({
    type: "base",
    name: "samspilSecrets",
    fields: [{ name: "name", type: "text", required: true, max: 100 }, { name: "value", type: "text", required: true, max: 200 }],
    indexes: ["CREATE UNIQUE INDEX idx_samspilSecrets_name ON samspilSecrets (name)"],
  });
  app.save(secrets);
  const key = new Record(secrets);
  key.set("name", "peerAlias");
  key.set("value", $security.randomString(64));
  app.save(key);

  for (const c of COLLECTIONS) {
    const keyIndexes = ["postId", "personId"]
      .filter((k) => c.fields.some((f) => f.name === k))
      .map((k) => `CREATE INDEX idx_${c.name}_${k} ON ${c.name} (${k})`);
    const collection = new Collection({
      type: "base",
      name: c.name,
      fields: [id(), ...c.fields, ...meta(), { name: "updated", type: "autodate", onCreate: true, onUpdate: true }],
      indexes: [
        `CREATE INDEX idx_${c.name}_updated ON ${c.name} (updated, id)`,
        `CREATE INDEX idx_${c.name}_clientId ON ${c.name} (clientId)`,
        ...keyIndexes,
      ],
    });
    app.save(collection);
  }
  // Rules last: they join collections that must exist first.
  for (const c of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(c.name);
    collection.listRule = c.rules.read;
    collection.viewRule = c.rules.read;
    collection.createRule = c.rules.create;
    collection.updateRule = c.rules.update;
    // Nobody deletes: tombstones, and erasure through POST /api/samspil/erase.
    collection.deleteRule = null;
    app.save(collection);
  }
}, (app) => {
  for (const c of [...COLLECTIONS].reverse()) {
    app.delete(app.findCollectionByNameOrId(c.name));
  }
  app.delete(app.findCollectionByNameOrId("samspilSecrets"));
  // `moderator` on people stays: 1764300000 owns it.
});
