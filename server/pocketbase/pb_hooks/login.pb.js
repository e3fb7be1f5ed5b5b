/// <reference path="../pb_data/types.d.ts" />
// Failed logins are limited per account (login_limit.js) as well as per address.
onRecordAuthWithPasswordRequest((e) => {
  require(`${__hooks}/login_limit.js`).guard(e);
}, 'users');
