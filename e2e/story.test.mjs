// The co-production story on one shared school tablet, through the UI only:
// start empty → add pupil, teacher and coach → the pupil builds her team and
// strengths → proposes a goal in her own words (first with mistakes, which
// are shown next to the fields with her typing kept) → coach and teacher
// agree → active → check-ins from all three → chart, table and T-scores →
// the teacher revises → everyone must agree again, with version 1 visible.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newPage, closePage, openApp, assertClean, screenshot, APP_TIMEOUT, become } from './helpers.mjs';

const app = useApp();
const GOAL = 'Read 10 pages before practice';
const REVISED = 'Read 15 pages before practice';

async function addPerson(page, name, role, organisation) {
  if (!(await page.getByRole('textbox', { name: 'Name' }).isVisible())) {
    await page.getByText('Add a person').click();
  }
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
  await page.getByRole('textbox', { name: 'School, club or family' }).fill(organisation);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).waitFor({ timeout: APP_TIMEOUT });
}

describe('co-production story', () => {
  test('propose → agree → active → check-ins → progress → revise → agree again', async () => {
    const page = await newPage(app.browser);
    try {
      await openApp(page, app.url, '/');
      await page.getByRole('button', { name: 'Start empty' }).click();
      await addPerson(page, 'Ida', 'pupil', 'Nørrebro Skole');
      await addPerson(page, 'Mette', 'teacher', 'Nørrebro Skole');
      await addPerson(page, 'Karim', 'coach', 'BK Fremad');

      // The pupil builds her team and says what she is good at.
      await page.getByRole('button', { name: /^Ida\b/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hi Ida!' }).waitFor();
      await page.getByRole('link', { name: 'My strengths and my team' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ida' }).waitFor();
      const team = page.getByRole('region', { name: 'Team' });
      for (const adult of ['Mette', 'Karim']) {
        const option = await team.getByRole('option', { name: new RegExp(`^${adult} `) }).getAttribute('value');
        await team.getByRole('combobox', { name: 'Add to the team' }).selectOption(option);
        await team.getByRole('button', { name: 'Add', exact: true }).click();
        await team.getByRole('listitem').filter({ hasText: adult }).waitFor();
      }
      const strengths = page.getByRole('region', { name: /Strengths/ });
      await strengths.getByRole('textbox', { name: 'Description' }).fill('Football: I never give up');
      await strengths.getByRole('button', { name: 'Add', exact: true }).click();
      await strengths.getByRole('listitem').filter({ hasText: 'Football: I never give up' }).waitFor();

      // She proposes a goal; her first try has mistakes.
      await page.getByRole('link', { name: /Propose a goal/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Propose a goal for Ida' }).waitFor();
      await page.getByRole('checkbox', { name: 'Football: I never give up' }).check();
      await page.getByRole('textbox', { name: 'Why does the goal matter?' }).fill('So I can keep up in Danish class');
      await page.getByRole('button', { name: 'Propose a goal' }).click();
      const title = page.getByRole('textbox', { name: 'My goal, in my own words' });
      await assert.doesNotReject(() => page.getByRole('alert').filter({ hasText: 'Please fix the marked fields' }).waitFor());
      assert.equal(await title.getAttribute('aria-invalid'), 'true');
      const titleError = page.locator(`#${await title.getAttribute('id')}-error`);
      assert.match(await titleError.innerText(), /Please fill this in\./);
      assert.equal(await page.getByRole('textbox', { name: 'Why does the goal matter?' }).inputValue(), 'So I can keep up in Danish class');
      await screenshot(page, 'story-form-errors');

      await title.fill(GOAL);
      const levels = {
        '−2': 'I read nothing',
        '−1': 'I read a few pages',
        '0': 'I read 10 pages',
        '+1': 'I read 10 pages and tell the team',
        '+2': 'I read a whole chapter',
      };
      for (const [level, text] of Object.entries(levels)) {
        await page.getByRole('textbox', { name: new RegExp(`^${level.replace('+', '\\+')}:`) }).fill(text);
      }
      await page.getByRole('textbox', { name: 'What will Karim (coach) do?' }).fill('10 minutes of reading with the team before practice');
      await page.getByRole('button', { name: 'Propose a goal' }).click();

      await page.getByRole('heading', { level: 1, name: GOAL }).waitFor({ timeout: APP_TIMEOUT });
      const agreement = page.getByRole('region', { name: 'Agreement' });
      assert.match(await agreement.innerText(), /Agreed: Ida/);
      assert.match(await agreement.innerText(), /Waiting for: Mette, Karim|Waiting for: Karim, Mette/);
      assert.ok(await page.getByText('Waiting for agreement').first().isVisible());

      // The coach and the teacher agree, each as themselves.
      await become(page, 'Karim');
      const waiting = page.getByRole('region', { name: /Waiting for you to agree/ });
      await waiting.getByRole('button', { name: `Agree to: ${GOAL}` }).click();
      await waiting.waitFor({ state: 'detached' });
      await become(page, 'Mette');
      await page.getByRole('region', { name: /Waiting for you to agree/ }).getByRole('button', { name: `Agree to: ${GOAL}` }).click();
      await page.getByRole('status').filter({ hasText: `Everyone agreed. ${GOAL} is now active.` }).waitFor();

      // Check-ins from all three: teacher on the goal page, coach on his phone view, pupil on her tablet view.
      await page.goto(new URL('/goals', app.url).href);
      await page.getByRole('link', { name: GOAL }).click();
      await page.getByRole('heading', { level: 1, name: GOAL }).waitFor();
      assert.ok(await page.getByText('Active', { exact: true }).isVisible());
      const form = page.getByRole('form', { name: 'New check-in' });
      await form.getByRole('radio', { name: /^0 I read 10 pages$/ }).check();
      await form.getByRole('textbox', { name: 'Note (optional)' }).fill('Good week');
      await form.getByRole('button', { name: 'Save check-in' }).click();
      await page.getByRole('status').filter({ hasText: `Check-in saved: ${GOAL}` }).waitFor();

      await become(page, 'Karim');
      // The pupil's disclosure has no role to find it by; its summary text is the pupil's name.
      await page.locator('summary').getByText('Ida', { exact: true }).click();
      await page.getByRole('group', { name: `How is it going: ${GOAL}` }).getByRole('button', { name: /^\+1/ }).click();
      await page.getByRole('status').filter({ hasText: `Check-in saved: ${GOAL}` }).waitFor();

      await become(page, 'Ida');
      const mine = page.getByRole('group', { name: `How is it going: ${GOAL}` });
      await mine.getByRole('button', { name: /^−1/ }).click();
      assert.equal(await mine.getByRole('button', { name: /^−1/ }).getAttribute('aria-pressed'), 'true');
      await screenshot(page, 'story-pupil-home');

      // Progress: the pupil's rating stands beside the adults', in the chart, the table and the T-scores.
      await page.getByRole('link', { name: 'See the goal' }).click();
      await page.getByRole('heading', { level: 1, name: GOAL }).waitFor();
      const chart = page.getByRole('img', { name: new RegExp(`Progress: ${GOAL}`) });
      assert.ok(await chart.isVisible());
      const latest = await page.getByRole('region', { name: 'Progress' }).innerText();
      assert.match(latest, /−1\s+Ida \(pupil\)/);
      assert.match(latest, /0\s+Mette \(teacher\)/);
      assert.match(latest, /\+1\s+Karim \(coach\)/);
      await page.getByText('Show as a table').click();
      // The table is built when it is opened, a moment after the click.
      await page.getByRole('table').waitFor();
      const rows = page.getByRole('table').getByRole('row');
      assert.equal(await rows.count(), 4, 'a header and one row per check-in');
      await screenshot(page, 'story-goal-active');

      await page.getByRole('link', { name: 'Ida', exact: true }).click();
      const scores = await page.getByRole('region', { name: 'How it is going' }).innerText();
      // One goal of weight 1: T = 50 + 10·x. Pupil −1 → 40; adults mean(0, +1) → 55; everyone mean → 50.
      assert.match(scores, /The pupil's own view\s+40/);
      assert.match(scores, /The adults' view\s+55/);
      assert.match(scores, /Everyone together\s+50/);

      // The teacher changes the agreed goal: a new version that needs everyone again.
      await become(page, 'Mette');
      await page.goto(new URL('/goals', app.url).href);
      await page.getByRole('link', { name: GOAL }).click();
      await page.getByRole('link', { name: 'Change the goal' }).click();
      await page.getByRole('heading', { level: 1, name: 'Change a goal for Ida' }).waitFor();
      await page.getByRole('textbox', { name: /The goal, in the pupil's own words/ }).fill(REVISED);
      await page.getByRole('button', { name: 'Propose the change' }).click();
      await page.getByRole('heading', { level: 1, name: REVISED }).waitFor({ timeout: APP_TIMEOUT });
      assert.ok(await page.getByText('Version 2').isVisible());
      assert.match(await page.getByRole('region', { name: 'Agreement' }).innerText(), /Waiting for: (Ida, Karim|Karim, Ida)/);
      const history = await page.getByRole('region', { name: 'Earlier versions' }).innerText();
      assert.match(history, new RegExp(`Version 1: ${GOAL}`));
      assert.match(history, /Agreed: .*Ida/);
      assert.match(history, /Agreed: .*Karim/);
      assert.match(history, /Agreed: .*Mette/);

      // Check-ins wait until the new version is agreed; the pupil is asked to agree.
      assert.equal(await page.getByRole('form', { name: 'New check-in' }).count(), 0);
      await become(page, 'Ida');
      await page.getByRole('region', { name: /Waiting for you to agree/ }).getByRole('button', { name: `Agree to: ${REVISED}` }).waitFor();

      // Everything survives a reload: it is stored on the device.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Hi Ida!' }).waitFor({ timeout: APP_TIMEOUT });
      await page.getByRole('region', { name: /Waiting for you to agree/ }).getByRole('button', { name: `Agree to: ${REVISED}` }).waitFor();
      await screenshot(page, 'story-reagree');
      assertClean(page);
    } finally {
      await closePage(page);
    }
  });
});
