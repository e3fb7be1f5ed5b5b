// A small team as a backend holds it, for tests that start from shared
// data: pupil Ida, coach Karim and (unless left out) teacher Tove, with one
// goal everyone agreed to (its wording's fingerprint in the goal and in each
// agreement, as docs/backend-contract.md says).
import { fingerprint } from './fingerprint.mjs';

export const GOAL = { id: 'goal-ida-reading', title: 'Read before practice' };
export const PEOPLE = { pupil: 'Ida', coach: 'Karim', teacher: 'Tove' };

/** `YYYY-MM-DD`, `days` from today. */
export const day = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const meta = (id, by) => ({ clientId: id, version: 1, updatedAt: `${day(-30)}T10:00:00Z`, updatedBy: by, deleted: false });

/** { collection: [records] } for json-server (or PocketBase's seeding). */
export function team({ teacher = true } = {}) {
  const people = [
    { id: 'pupil-ida', name: PEOPLE.pupil, role: 'pupil', organisation: 'Nordskolen', ...meta('pupil-ida', 'pupil-ida') },
    { id: 'coach-karim', name: PEOPLE.coach, role: 'coach', organisation: 'Nord IF', ...meta('coach-karim', 'coach-karim') },
  ];
  if (teacher) people.push({ id: 'teacher-tove', name: PEOPLE.teacher, role: 'teacher', organisation: 'Nordskolen', ...meta('teacher-tove', 'teacher-tove') });
  const adults = people.filter((p) => p.role !== 'pupil');
  const members = adults.map((p) => ({ id: `member-${p.id}`, pupilId: 'pupil-ida', personId: p.id, since: day(-60), ...meta(`member-${p.id}`, 'pupil-ida') }));
  const content = {
    title: GOAL.title,
    why: 'So I am calm at practice',
    gas: { levels: ['No pages', 'A page', 'Five pages', 'Ten pages', 'A chapter'], current: -1 },
    measure: null,
    contributions: [],
    reviewDate: day(30),
    strengthIds: [],
    weight: 1,
  };
  const print = fingerprint(content);
  const goals = [{ id: GOAL.id, pupilId: 'pupil-ida', revision: 1, content, fingerprint: print, proposedBy: 'pupil-ida', proposedOn: day(-20), history: [], ended: null, ...meta(GOAL.id, 'pupil-ida') }];
  const agreements = people.map((p) => ({ id: `agreement-${p.id}`, goalId: GOAL.id, revision: 1, fingerprint: print, personId: p.id, on: day(-19), ...meta(`agreement-${p.id}`, p.id) }));
  return { people, members, goals, agreements };
}
