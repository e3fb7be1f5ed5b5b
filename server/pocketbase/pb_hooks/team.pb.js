/// <reference path="../pb_data/types.d.ts" />
// The team's rules on every write into Samspil's seven team collections,
// where API rules (pb_migrations) cannot say them: authorship, agreements,
// membership, roles, visibleTo, versions and tombstones. The rules are in
// team_rules.js (pure, also run by the tests), the database side in
// team_server.js. Deleting stays locked by the API rules (erasure has its
// own route).
//
// And what the read rules read: each account's `teams` and `contacts`, and
// the goal's pupil on agreements and comments (access.js), kept up to date on
// every save — by anyone, the server's owner included — in the same
// transaction.

onRecordCreateRequest((e) => {
  require(`${__hooks}/team_server.js`).guard(e, false);
}, 'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments');

onRecordUpdateRequest((e) => {
  require(`${__hooks}/team_server.js`).guard(e, true);
}, 'people', 'members', 'strengths', 'goals', 'agreements', 'checkins', 'comments');

onRecordCreate((e) => {
  const access = require(`${__hooks}/access.js`);
  access.beforeCreate(e.app, e.record);
  e.next();
  access.saved(e.app, e.record, null);
}, 'members', 'people', 'goals', 'agreements', 'comments', 'users');

onRecordUpdate((e) => {
  const before = e.record.original();
  e.next();
  require(`${__hooks}/access.js`).saved(e.app, e.record, before);
}, 'members', 'people', 'users');

onRecordDelete((e) => {
  e.next();
  require(`${__hooks}/access.js`).saved(e.app, e.record, null);
}, 'members', 'people');

onBootstrap((e) => {
  e.next();
  // Accounts made or changed while the hooks were not running (or before
  // migration 1764300000) get their lists now.
  try {
    require(`${__hooks}/access.js`).refreshAll(e.app);
  } catch (error) {
    e.app.logger().warn('Samspil: could not refresh the accounts\' read lists', 'error', String(error));
  }
});
