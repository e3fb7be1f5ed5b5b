/// <reference path="../pb_data/types.d.ts" />
// Two fields the rules and the sync build on (docs/backend-contract.md):
//
// * `updated` on every Samspil collection: the server's own time of the last
//   write (an autodate field, set by PocketBase on create and update). Devices
//   pull by it, never by `updatedAt`, which the editing device stamps with its
//   own clock: a tablet whose clock is two hours behind, or a phone that was
//   offline for an hour, writes records whose `updatedAt` lies before other
//   devices' last pull, and a pull by `updatedAt` would never bring them.
//   Rows that exist already get the time of this migration.
// * `fingerprint` on goals and agreements: what wording a goal has and what
//   wording an agreement was given to, so that an agreement never counts for
//   words the person did not see.

const COLLECTIONS = ["people", "members", "strengths", "goals", "agreements", "checkins", "comments"];
const FINGERPRINTED = ["goals", "agreements"];

migrate((app) => {
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.add(new AutodateField({ name: "updated", onCreate: true, onUpdate: true }));
    if (FINGERPRINTED.includes(name)) {
      collection.fields.add(new TextField({ name: "fingerprint", max: 64, pattern: "^([0-9a-f]{64})?$" }));
    }
    collection.addIndex(`idx_${name}_updated`, false, "updated, id", "");
    app.save(collection);
    app.db().newQuery(`UPDATE ${name} SET updated = strftime('%Y-%m-%d %H:%M:%fZ', 'now') WHERE updated = ''`).execute();
  }
}, (app) => {
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    collection.removeIndex(`idx_${name}_updated`);
    collection.fields.removeByName("updated");
    if (FINGERPRINTED.includes(name)) collection.fields.removeByName("fingerprint");
    app.save(collection);
  }
});
