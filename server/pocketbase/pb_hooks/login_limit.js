// A limit on failed logins per account, on top of PocketBase's limit per
// address (settings.rateLimits, migration 1764300001): a classroom logs in
// from one address, so that limit must let a whole class in at once, while
// a child's password must not be guessed from many addresses either.
// After MAX_FAILURES wrong passwords within WINDOW_MS the account refuses
// every login (429) until the window has passed; a successful login starts
// the count again. Counted in memory: a restart of the server forgets it.

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

function guard(e) {
  // Unknown emails are not counted: nothing to protect, and no memory to fill.
  if (!e.record) return e.next();
  const key = `samspil.loginFailures.${e.record.id}`;
  const store = $app.store();
  const now = Date.now();
  let failures = store.has(key) ? JSON.parse(store.get(key)) : null;
  if (failures && now - failures.since > WINDOW_MS) failures = null;
  if (failures && failures.count >= MAX_FAILURES) {
    throw new TooManyRequestsError('Too many wrong passwords for this account. Try again in a quarter of an hour.');
  }
  try {
    e.next();
  } catch (error) {
    const next = failures ? { since: failures.since, count: failures.count + 1 } : { since: now, count: 1 };
    store.set(key, JSON.stringify(next));
    throw error;
  }
  store.remove(key);
}

module.exports = { guard, MAX_FAILURES };
