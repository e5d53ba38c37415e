import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/server/lib/days';
import { runCampaignJobs } from '../../src/server/modules/questions/campaign-jobs.service';
import { TEST_SECRET } from '../helpers/test-app';
import { axeViolations, browserAvailable, DEMO_PASSWORD, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Anna, the director, launches a round of core questions that comes back every month. Ten people
// answer it; time passes (the campaign job runs on later days): the round closes by itself, the next
// of the series opens, the same ten answer again, and it closes too. Anna's list shows both rounds
// closed and the third scheduled; the second round's results show the first beside it.

const PEOPLE = ['lisa', 'daan', 'noor', 'tom', 'emma', 'sophie', 'ruben', 'sem', 'kees', 'bas'];
const QUESTION = 'Ik krijg de steun die ik nodig heb om mijn werk goed te doen.';

interface Round {
  id: string;
  title: string;
  status: string;
  opensOn: string;
  closesOn: string;
  questions: { id: string }[];
}

describe.runIf(browserAvailable())('a round of core questions that comes back every month', () => {
  const { server, browser } = useJourney();
  const title = `Maandpuls e2e ${Date.now().toString(36)}`;

  const api = (path: string, init: RequestInit & { cookie: string }) =>
    fetch(`${server.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', origin: server.baseUrl, cookie: init.cookie },
    });
  const signIn = async (who: string) => {
    const response = await api('/auth/sign-in', {
      method: 'POST',
      cookie: '',
      body: JSON.stringify({ email: `${who}@dekroon.example`, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  /** The job as it runs on that day in the morning. */
  const job = (day: string) =>
    runCampaignJobs({ db: server.database.db, secret: TEST_SECRET }, new Date(`${day}T09:00:00Z`));

  it('closes by itself twice, the next round scheduled, and the second round read beside the first', async () => {
    // ---- Anna launches it, to come back every month ----
    const anna = await signedInPage(browser, server.baseUrl, 'anna@dekroon.example', { device: LAPTOP });
    await anna.goto('/questions');
    await anna.getByRole('link', { name: 'Nieuwe vragenronde' }).click();
    await anna.waitForURL('**/questions/new');
    await anna.getByLabel('Titel').fill(title);
    await anna.getByLabel(QUESTION).check();
    await anna.getByRole('radio', { name: 'Elke maand' }).check();
    await anna.getByText(/De volgende ronde opent op .+ met dezelfde vragen/).waitFor();
    await anna.getByRole('button', { name: /Vragenronde (starten|openen|plannen)/ }).click();
    const confirm = anna.getByRole('dialog', { name: /^Vragenronde aan \d+ mensen\?$/ });
    await confirm.getByText(/volgt de volgende ronde/).waitFor();
    await confirm.getByRole('button', { name: /Vragenronde (openen|plannen)/ }).click();
    await anna.waitForURL(/\/questions\/[0-9a-f-]{36}$/);

    const annaCookie = await signIn('anna');
    const series = async () =>
      ((await (await api('/campaigns', { cookie: annaCookie })).json()).items as Round[])
        .filter((c) => c.title === title)
        .sort((a, b) => a.opensOn.localeCompare(b.opensOn));
    const people = await Promise.all(PEOPLE.map(signIn));
    /** Everyone answers the round with this score. */
    const answerAll = async (round: Round, score: number) => {
      for (const cookie of people) {
        const detail = (await (await api(`/campaigns/${round.id}`, { cookie })).json()) as Round;
        const [question] = detail.questions; // the one question of the round
        const saved = await api(`/campaigns/${round.id}/answers`, {
          method: 'PUT',
          cookie,
          body: JSON.stringify({ answers: [{ questionId: question!.id, value: score }] }),
        });
        expect(saved.status, await saved.text()).toBe(200);
      }
    };

    // It opened today; the next of the series is already scheduled.
    let rounds = await series();
    expect(rounds.map((r) => r.status)).toEqual(['open', 'scheduled']);
    const [first, second] = rounds as [Round, Round];
    await answerAll(first, 3);

    // ---- Time passes: the first closes after its last day, the second opens on its day ----
    expect((await job(addDays(first.closesOn, 1))).closed).toBeGreaterThanOrEqual(1);
    expect((await job(second.opensOn)).opened).toBeGreaterThanOrEqual(1);
    rounds = await series();
    expect(rounds.map((r) => r.status)).toEqual(['closed', 'open', 'scheduled']);
    await answerAll(second, 5);
    expect((await job(addDays(second.closesOn, 1))).closed).toBeGreaterThanOrEqual(1);

    // ---- Anna's list: both rounds closed, the next one scheduled ----
    await anna.goto('/questions');
    const rows = anna.getByRole('row').filter({ hasText: title });
    await expect.poll(() => rows.count()).toBe(3);
    const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent));
    expect(statuses.sort()).toEqual(['Gepland', 'Gesloten', 'Gesloten']);
    expect(await rows.getByRole('link', { name: `Bekijk de uitkomsten: ${title}` }).count()).toBe(2);
    expect(await axeViolations(anna, ['main'])).toEqual([]);

    // ---- The second round's results, with the first beside it ----
    await anna.goto(`/questions/${second.id}/results`);
    await anna.getByText(QUESTION).first().waitFor();
    const trend = anna.getByRole('img', { name: /^Verloop over de vragenrondes/ }).first();
    // The first round of the series (all answered 3) beside this one (all answered 5), no date asserted.
    expect(await trend.getAttribute('aria-label')).toMatch(new RegExp(`; ${title} \\([^)]+\\): 3,0; nu: 5,0\\.$`));
    await trend.getByText(`${title}: 3,0 · nu: 5,0`).waitFor();
  }, 150_000);
});
