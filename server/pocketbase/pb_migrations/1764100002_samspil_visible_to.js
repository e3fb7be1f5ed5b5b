/// <reference path="../pb_data/types.d.ts" />
// `visibleTo` on check-ins and comments (docs/backend-contract.md): the people
// a pupil chose to see an item. PocketBase drops body fields it does not know,
// so without this field a private note would come back to other devices as
// one for the whole team. The app hides private items from everyone else;
// the list and view rules do not yet read this field.

const COLLECTIONS = ["checkins", "comments"];

migrate((app) => {
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.add(new JSONField({ name: "visibleTo", maxSize: 100000 }));
    app.save(collection);
  }
}, (app) => {
  for (const name of COLLECTIONS) {
    const collection = app.findCollectionByNameOrId(name);
    collection.fields.removeByName("visibleTo");
    app.save(collection);
  }
});
