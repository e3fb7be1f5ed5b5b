// The JavaScript fingerprint (e2e/fingerprint.mjs) against the contract's
// worked example and the fixture's goals (written by a Python
// implementation and read by the Rust one): three implementations agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonical, fingerprint } from './fingerprint.mjs';
import { ROOT } from './helpers.mjs';

test('the worked example of docs/backend-contract.md', async () => {
  const docs = await readFile(path.join(ROOT, 'docs', 'backend-contract.md'), 'utf8');
  const json = /has the canonical text[\s\S]*?```\n([\s\S]*?)```[\s\S]*?fingerprint\n`([0-9a-f]{64})`/.exec(docs);
  const content = JSON.parse(/Worked example[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)[1]);
  assert.ok(json, 'the contract shows the canonical text and the fingerprint');
  assert.equal(canonical(content), json[1].split('\n').join(''));
  assert.equal(fingerprint(content), json[2]);
});

test('the fixture\'s goals and agreements name their wording', async () => {
  const data = JSON.parse(await readFile(path.join(ROOT, 'e2e', 'fixtures', 'report.json'), 'utf8'));
  assert.ok(data.goals.length > 5);
  for (const goal of data.goals) {
    assert.equal(fingerprint(goal.content), goal.fingerprint, goal.id);
    for (const agreement of data.agreements.filter((a) => a.goalId === goal.id)) {
      assert.equal(agreement.fingerprint, goal.fingerprint, agreement.id);
    }
  }
  // −0 and 0, 2 and 2.0 are the same number; other words are another fingerprint.
  const goal = data.goals[0];
  assert.equal(fingerprint({ ...goal.content, weight: -0 }), fingerprint({ ...goal.content, weight: 0 }));
  assert.notEqual(fingerprint({ ...goal.content, title: `${goal.content.title}!` }), goal.fingerprint);
});
