/// <reference path="../pb_data/types.d.ts" />
// Samspil accounts: the built-in `users` auth collection, each account linked
// to one Samspil person (`person` = the id of a record in `people`).
// Accounts are made by whoever runs the server (superuser), never by sign-up:
// a person who could make their own account could claim anyone's person id.
migrate((app) => {
  const users = app.findCollectionByNameOrId("users");
  users.fields.add(new TextField({
    name: "person",
    required: true,
    max: 100,
    pattern: "^[a-z0-9-]+$",
  }));
  users.addIndex("idx_users_person", true, "person", "");
  // A person sees and changes only their own account; nobody signs up.
  users.listRule = "id = @request.auth.id";
  users.viewRule = "id = @request.auth.id";
  users.createRule = null;
  users.updateRule = null;
  users.deleteRule = null;
  app.save(users);
}, (app) => {
  const users = app.findCollectionByNameOrId("users");
  users.removeIndex("idx_users_person");
  users.fields.removeByName("person");
  app.save(users);
});
