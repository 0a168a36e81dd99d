import { expect as baseExpect, test, type Page } from "@playwright/test";
import QRCode from "qrcode";
import {
  currentQuestion,
  distribution,
  playerResults,
  teamResults,
  topPlayers,
  type PlayerResult,
  type TeamResult,
} from "./support/expected";
import { startLiveGame, type LiveGame } from "./support/live-game";
import { inBatches, joinByLink, openPhone, type Phone } from "./support/phones";

/**
 * A whole pub night in real Chromium: 1 host (signed in, driving the console by keyboard and buttons),
 * 1 big screen and 30 phones in teams. Everyone joins through the link the console's QR code encodes and
 * answers every question — right, wrong, and (question 1) too late. After every reveal, each phone and the
 * screen must show exactly what the database decided; a phone reloads mid-question and keeps its score,
 * another goes offline while answering and its answer lands when it is back; each phone's realtime frames
 * are counted to hold the fan-out budget.
 */
// 32 browser pages share two cores here: give each expectation time, not the whole test less rigour.
const expect = baseExpect.configure({ timeout: 30_000 });

const PLAYERS = 30;
const TEAMS = ["Red Lions", "Blue Owls", "Green Geese"];
const LATE = new Set([4, 11, 25]); // their answers reach the server only after question 1's deadline
const RELOADER = 3;
const OFFLINE = 7;

const QUIZ = {
  title: "Full house",
  rounds: [{ title: "Round one" }, { title: "Round two" }],
  questions: [
    {
      kind: "single",
      prompt: "Which planet is known as the Red Planet?",
      round: 0,
      time_limit_s: 25,
      options: [
        { id: "a", text: "Venus" },
        { id: "b", text: "Mars" },
        { id: "c", text: "Jupiter" },
        { id: "d", text: "Saturn" },
      ],
      key: { correct_option_ids: ["b"] },
      explanation: "Iron oxide on its surface makes Mars look red.",
    },
    {
      kind: "true_false",
      prompt: "Sound travels faster in water than in air.",
      round: 0,
      time_limit_s: 90,
      key: { correct_option_ids: ["true"] },
    },
    {
      kind: "single",
      prompt: "How many sides has a hexagon?",
      round: 1,
      time_limit_s: 90,
      options: [
        { id: "five", text: "Five" },
        { id: "six", text: "Six" },
        { id: "eight", text: "Eight" },
      ],
      key: { correct_option_ids: ["six"] },
    },
  ],
};

/** Who answers what: [right option, wrong option] per question, and who is right. */
const ANSWERS = [
  { right: "Mars", wrong: "Venus", isRight: (i: number) => i % 2 === 0 },
  { right: "True", wrong: "False", isRight: (i: number) => i % 3 !== 1 },
  { right: "Six", wrong: "Five", isRight: (i: number) => i % 4 !== 0 },
];

test("a full game: 30 phones, a screen and the host console agree with the database", async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const started = Date.now();
  const phases: string[] = [];
  let last = started;
  const phase = (label: string) => {
    phases.push(`${label} ${((Date.now() - last) / 1000).toFixed(1)}s`);
    last = Date.now();
  };
  const game = await startLiveGame(baseURL!, { quiz: QUIZ, teamsEnabled: true });
  const phones: Phone[] = [];
  try {
    // The host signs in and opens the console; teams are set up there.
    const host = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    host.on("dialog", (dialog) => void dialog.accept()); // "End the session for everyone?"
    await host.goto("/login");
    await host.getByLabel("Email").fill(game.host.email);
    await host.getByLabel("Password").fill(game.host.password);
    await host.getByRole("button", { name: "Sign in" }).click();
    await host.waitForURL(/\/host$/);
    await host.goto(`/host/sessions/${game.sessionId}`);
    for (const team of TEAMS) {
      await host.getByRole("textbox", { name: "Team name" }).fill(team);
      await host.getByRole("button", { name: "Add team" }).click();
      await expect(host.getByRole("listitem").filter({ hasText: `${team} · 0` })).toBeVisible();
    }

    // The QR code encodes the join link with the PIN filled in: the very SVG qrcode makes for that URL.
    const joinUrl = `${baseURL}/join?pin=${game.pin}`;
    const qr = host.getByRole("img", { name: `QR code to join with PIN ${game.pin}` });
    const expectedSvg = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const modules = (svg: string) => /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
    expect(modules(await qr.innerHTML())).toBe(modules(expectedSvg));
    expect(modules(expectedSvg)).toBeTruthy();

    const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await screen.goto(`/screen/${game.pin}`);
    await expect(screen.getByText("Waiting for players…")).toBeVisible();

    for (let i = 0; i < PLAYERS; i++) {
      phones.push(await openPhone(browser, i, `Guest ${String(i + 1).padStart(2, "0")}`, TEAMS[i % TEAMS.length]!));
    }
    await inBatches(phones, 6, (phone) => joinByLink(phone, joinUrl));
    phase("setup+join");
    await expect(screen.getByText(`${PLAYERS} players`)).toBeVisible();
    await expect(host.getByText(`${PLAYERS} players`, { exact: true })).toBeVisible();

    // Question 1, by keyboard: Space starts, Space opens. Three phones' answers are held past the deadline.
    await hostKey(host, "Start");
    await hostKey(host, "Open answers");
    const late = await Promise.all([...LATE].map((i) => phones[i]!.holdAnswers()));
    await Promise.all(phones.map((phone) => answer(phone, 0)));
    const onTime = phones.filter((p) => !LATE.has(p.index));
    await Promise.all(onTime.map((p) => expect(p.page.getByText("Answer received ✓")).toBeVisible()));
    const answeredText = `${onTime.length} of ${PLAYERS} answered`;
    await expect(host.getByText(answeredText, { exact: true })).toBeVisible();
    await expect(screen.getByText(answeredText)).toBeVisible();
    // Nobody closes early: the console closes by itself at the deadline (+ grace); then the held answers go.
    await expect(host.getByRole("button", { name: "Reveal" })).toBeVisible({ timeout: 40_000 });
    const q1 = await currentQuestion(game);
    expect(q1.state).toBe("locked");
    expect(Date.now()).toBeGreaterThan(q1.deadline.getTime());
    await Promise.all(late.map((hold) => hold.release()));
    for (const i of LATE) {
      await expect(
        phones[i]!.page.getByText("Too late: your answer did not arrive before the deadline."),
      ).toBeVisible();
    }
    await host.getByRole("button", { name: "Reveal" }).click();
    let results = await playerResults(game, q1.id);
    for (const i of LATE) expect(results.get(phones[i]!.nickname)?.answer).toBeNull(); // not counted
    await expectRevealEverywhere(game, q1.id, QUIZ.questions[0]!.options!, phones, screen, results);
    phase("q1");

    // Question 2 (no leaderboard in the middle of a round): the button this time, then Space to open.
    await host.getByRole("button", { name: "Next question" }).click();
    await hostKey(host, "Open answers");
    const others = phones.filter((p) => p.index !== OFFLINE);
    await Promise.all(others.map((phone) => answer(phone, 1)));
    await Promise.all(others.map((p) => expect(p.page.getByText("Answer received ✓")).toBeVisible()));

    // A reload mid-question: same player, the answer still there.
    const reloader = phones[RELOADER]!.page;
    await reloader.reload();
    await expect(reloader.getByText(`You answered: ${pick(RELOADER, 1)}`)).toBeVisible();
    await expect(reloader.getByText("Answer received ✓")).toBeVisible();

    // Offline while answering: pending (retrying) while the network is gone, received once it is back.
    const offline = phones[OFFLINE]!;
    await offline.context.setOffline(true);
    await answer(offline, 1);
    await expect(offline.page.getByText(/Connection is weak, retrying/)).toBeVisible();
    await offline.context.setOffline(false);
    await expect(offline.page.getByText("Answer received ✓")).toBeVisible({ timeout: 15_000 });

    await expect(host.getByText(`${PLAYERS} of ${PLAYERS} answered`, { exact: true })).toBeVisible();
    const q2 = await currentQuestion(game);
    await hostKey(host, "Close early");
    await hostKey(host, "Reveal");
    results = await playerResults(game, q2.id);
    expect(results.get(offline.nickname)?.answer?.receivedAt.getTime()).toBeLessThan(q2.deadline.getTime());
    expect(await game.query("select 1 from public.participants where session_id = $1", [game.sessionId])).toHaveLength(
      PLAYERS,
    ); // the reload rejoined as the same participant
    await expectRevealEverywhere(
      game,
      q2.id,
      [
        { id: "true", text: "True" },
        { id: "false", text: "False" },
      ],
      phones,
      screen,
      results,
    );

    phase("q2");
    // End of round one: the leaderboard on the screen (top 10 + teams). Phones are not sent it (it goes to the
    // host and screens' stage topic): they keep their reveal, which already shows their rank and team.
    await hostKey(host, "Leaderboard");
    const top = await topPlayers(game, 10);
    const teams = await teamResults(game);
    const boardRows = screen.locator('section[aria-labelledby="board-title"] li');
    await expect(boardRows).toHaveCount(10);
    await expect(boardRows).toContainText(top.map((row) => row.nickname));
    await expect(boardRows).toContainText(top.map((row) => `${row.score} pts`));
    await expectScreenTeams(screen, teams);
    await Promise.all(
      phones.map(async (phone) => {
        await expectStanding(phone.page, results.get(phone.nickname)!, teams);
      }),
    );

    phase("leaderboard");
    // Round two: Space (next), Space (open), everyone answers, Space closes early and reveals.
    await hostKey(host, "Next question");
    await hostKey(host, "Open answers");
    await Promise.all(phones.map((phone) => answer(phone, 2)));
    await Promise.all(phones.map((p) => expect(p.page.getByText("Answer received ✓")).toBeVisible()));
    await expect(host.getByText(`${PLAYERS} of ${PLAYERS} answered`, { exact: true })).toBeVisible();
    const q3 = await currentQuestion(game);
    await hostKey(host, "Close early");
    await hostKey(host, "Reveal");
    results = await playerResults(game, q3.id);
    await expectRevealEverywhere(game, q3.id, QUIZ.questions[2]!.options!, phones, screen, results);

    phase("q3");
    // The end: the console's button (confirmed), the podium on the screen, the final rank on every phone.
    await host.getByRole("button", { name: "End session" }).click();
    await expect(host.getByText("The session has ended.")).toBeVisible();
    const podium = await topPlayers(game, 3);
    const finalTeams = await teamResults(game);
    await expect(screen.getByRole("heading", { name: "Final podium" })).toBeVisible();
    const steps = screen.locator("ol").first().locator("li");
    await expect(steps).toHaveCount(3);
    await expect(steps).toContainText(podium.map((row) => row.nickname));
    await expect(steps).toContainText(podium.map((row) => `${row.score} pts`));
    await expectScreenTeams(screen, finalTeams);
    const final = await playerResults(game, q3.id);
    await Promise.all(
      phones.map(async (phone) => {
        const me = final.get(phone.nickname)!;
        const main = phone.page.locator("main");
        await expect(main).toContainText(`You finished #${me.rank} of ${PLAYERS}`);
        await expect(main).toContainText(new RegExp(`(^|\\D)${me.score} points · \\d+ correct`));
        await expectTeam(phone.page, me, finalTeams);
      }),
    );

    phase("finish");
    // Fan-out: each phone got one frame per game event and nothing per join or answer. Per question that
    // is opened, closed, revealed (3), plus the final event; question_shown and the leaderboard go to the
    // host and screens' stage topic only.
    const sent = { question_opened: 3, question_closed: 3, question_revealed: 3 };
    const perPhone = phones.map((phone) => [...phone.events.values()].reduce((a, b) => a + b, 0));
    for (const phone of phones) {
      const questionEvents = Object.keys(sent).reduce((sum, type) => sum + (phone.events.get(type) ?? 0), 0);
      expect(
        questionEvents / QUIZ.questions.length,
        `${phone.nickname}: ${JSON.stringify([...phone.events])}`,
      ).toBeLessThanOrEqual(4);
      for (const [type, count] of phone.events) {
        expect(["session_finished", ...Object.keys(sent)]).toContain(type);
        expect(count).toBeLessThanOrEqual(type in sent ? sent[type as keyof typeof sent] : 1);
      }
    }
    const steady = phones.filter((p) => p.index !== OFFLINE && p.index !== RELOADER);
    for (const phone of steady) expect(perPhone[phone.index]).toBe(10); // 3 × 3 + finished
    test.info().annotations.push(
      { type: "players", description: String(PLAYERS) },
      { type: "phases", description: phases.join(", ") },
      {
        type: "game events per phone (min/max)",
        description: `${Math.min(...perPhone)}/${Math.max(...perPhone)} over ${QUIZ.questions.length} questions`,
      },
      {
        type: "realtime frames per phone incl. replies/heartbeats (max)",
        description: String(Math.max(...phones.map((p) => p.frames.total))),
      },
      { type: "game duration (ms)", description: String(Date.now() - started) },
    );
    console.log(JSON.stringify(Object.fromEntries(test.info().annotations.map((a) => [a.type, a.description]))));
  } finally {
    await Promise.all(phones.map((phone) => phone.context.close().catch(() => {})));
    await game.close();
  }
});

function pick(index: number, question: number): string {
  const q = ANSWERS[question]!;
  return q.isRight(index) ? q.right : q.wrong;
}

async function answer(phone: Phone, question: number): Promise<void> {
  await phone.page.getByRole("button", { name: pick(phone.index, question), exact: true }).click();
}

/** The console's primary action by keyboard, after checking it is the one we mean. */
async function hostKey(host: Page, action: string): Promise<void> {
  await expect(host.getByRole("button", { name: action, exact: true })).toBeVisible();
  await expect(host.getByText(`Space/Enter = ${action},`)).toBeVisible();
  await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await host.keyboard.press("Space");
  await expect(host.getByText(`Space/Enter = ${action},`)).toHaveCount(0);
}

async function expectRevealEverywhere(
  game: LiveGame,
  questionId: string,
  options: { id: string; text: string }[],
  phones: Phone[],
  screen: Page,
  results: Map<string, PlayerResult>,
): Promise<void> {
  const counts = await distribution(game, questionId);
  const answered = [...results.values()].filter((r) => r.answer);
  const correct = answered.filter((r) => r.answer!.isCorrect).length;
  await expect(screen.getByText(`${correct} of ${answered.length} got it right`)).toBeVisible();
  for (const option of options) {
    const row = screen.locator("li").filter({ hasText: option.text });
    await expect(row).toHaveText(new RegExp(`${option.text}\\s*${counts.get(option.id) ?? 0}(✓|$)`));
  }
  const teams = await teamResults(game);
  await Promise.all(
    phones.map(async (phone) => {
      const me = results.get(phone.nickname)!;
      const main = phone.page.locator("main");
      const verdict = me.answer?.isCorrect ? "Correct!" : "Wrong";
      await expect(main.getByRole("heading", { name: verdict, exact: true })).toBeVisible();
      await expect(main).toContainText(me.answer ? `+${me.answer.points} points` : "You did not answer.");
      await expectStanding(phone.page, me, teams);
    }),
  );
}

/** Own score and rank, and the team's standing beside them. */
async function expectStanding(page: Page, me: PlayerResult, teams: TeamResult[]): Promise<void> {
  await expect(page.locator("dt:text-is('Score') + dd")).toHaveText(String(me.score));
  await expect(page.locator("dt:text-is('Rank') + dd")).toHaveText(`#${me.rank} of ${PLAYERS}`);
  await expectTeam(page, me, teams);
}

async function expectTeam(page: Page, me: PlayerResult, teams: TeamResult[]): Promise<void> {
  const team = teams.find((t) => t.name === me.team)!;
  await expect(page.getByRole("region", { name: `Your team: ${team.name}` })).toHaveText(
    new RegExp(`#${team.rank} of ${teams.length} teams · ${team.score} points`),
  );
}

async function expectScreenTeams(screen: Page, teams: TeamResult[]): Promise<void> {
  const rows = screen.locator('section[aria-labelledby="teams-title"] li');
  await expect(rows).toHaveCount(teams.length);
  await expect(rows).toContainText(teams.map((team) => `${team.rank}${team.name}${team.score} pts`));
}
