/// <reference path="../pb_data/types.d.ts" />
// GET /api/samspil/report: the anonymised effect report (domain::effect)
// for leaders and teachers, the people the app shows it to. Computed here
// from every team, so that the reader's device receives the aggregates
// only — groups under five pupils and groups they could be worked out from
// are left out, and no mean of fewer than five pupils is given — and never
// a pupil's record. `on` is the server's day the report was made for.

routerAdd("GET", "/api/samspil/report", (e) => {
  const lib = require(`${__hooks}/samspil_peer_lib.js`);
  const reader = lib.person(e.app, lib.me(e.auth));
  if (!e.hasSuperuserAuth() && !(reader && ["leader", "teacher"].includes(reader.getString("role")))) {
    throw new ForbiddenError("The effect report is for leaders and teachers.");
  }
  const on = new Date().toISOString().slice(0, 10);
  const report = require(`${__hooks}/samspil_effect.js`).effectReport(e.app, on);
  e.response.header().set("Cache-Control", "no-store");
  return e.json(200, { on, ...report });
}, $apis.requireAuth());
