/// <reference path="../pb_data/types.d.ts" />
// Traces of erased pupils (docs/backend-contract.md, "Erasure"): a hash
// each, the date, nothing else. Every signed-in device reads them, to purge
// a pupil it still holds records of. Only the server writes them, in the
// erasure route (pb_hooks/erasure.pb.js): a trace made by anyone else would
// make every device purge a pupil who was never erased.

migrate((app) => {
  const collection = new Collection({
    type: "base",
    name: "erasures",
    fields: [
      {
        name: "id", type: "text", system: true, primaryKey: true, required: true,
        min: 1, max: 100, pattern: "^[a-z0-9-]+$", autogeneratePattern: "[a-z0-9]{15}",
      },
      { name: "pupilHash", type: "text", required: true, min: 64, max: 64, pattern: "^[0-9a-f]{64}$" },
      { name: "on", type: "text", required: true, max: 10 },
      { name: "clientId", type: "text", max: 100 },
      { name: "version", type: "number", onlyInt: true },
      { name: "updatedAt", type: "text", max: 40 },
      { name: "updatedBy", type: "text", max: 100 },
      { name: "deleted", type: "bool" },
      { name: "updated", type: "autodate", onCreate: true, onUpdate: true },
    ],
    indexes: [
      "CREATE INDEX idx_erasures_updated ON erasures (updated, id)",
      "CREATE INDEX idx_erasures_clientId ON erasures (clientId)",
      "CREATE UNIQUE INDEX idx_erasures_pupilHash ON erasures (pupilHash)",
    ],
    listRule: `@request.auth.person != ""`,
    viewRule: `@request.auth.person != ""`,
    createRule: null,
    updateRule: null,
    deleteRule: null,
  });
  app.save(collection);
}, (app) => {
  app.delete(app.findCollectionByNameOrId("erasures"));
});
