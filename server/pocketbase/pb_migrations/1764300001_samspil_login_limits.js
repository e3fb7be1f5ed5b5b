/// <reference path="../pb_data/types.d.ts" />
// Login attempts are limited per address (PocketBase's rate limiter, off by
// default): at most 30 logins a minute from one address, of any kind and on
// any account (a whole class logs in at once from one school address).
// pb_hooks/login_limit.js adds a limit per account. See README, "How an
// operator makes accounts", and docs/backend-contract.md.

migrate((app) => {
  const settings = app.settings();
  settings.rateLimits.enabled = true;
  settings.rateLimits.rules = [{ label: '*:auth', audience: '', duration: 60, maxRequests: 30 }];
  app.save(settings);
}, (app) => {
  const settings = app.settings();
  settings.rateLimits.enabled = false;
  app.save(settings);
});
