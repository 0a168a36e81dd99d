import { expect, test } from "@playwright/test";
import { QUIZ, startLiveGame } from "./support/live-game";
import { joinByLink, openPhone } from "./support/phones";

/**
 * README screenshots (`npm run screenshots`): the host console, a phone and the big screen at the reveal
 * of a small team game. Skipped in the ordinary e2e run, so that run never rewrites docs/.
 */
test.skip(!process.env.SCREENSHOTS, "run with `npm run screenshots`");

const NAMES = ["Ada", "Brian", "Chloe", "Dev", "Emma", "Finn"];
const TEAMS = ["Quizzly Bears", "Les Quizérables"];

test("screenshots of the console, a phone and the screen at the reveal", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const game = await startLiveGame(baseURL!, { quiz: QUIZ, teamsEnabled: true });
  try {
    const light = { colorScheme: "light", reducedMotion: "reduce" } as const;
    const host = await (await browser.newContext({ ...light, viewport: { width: 1280, height: 860 } })).newPage();
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
    const screen = await (await browser.newContext({ ...light, viewport: { width: 1280, height: 720 } })).newPage();
    await screen.goto(`/screen/${game.pin}`);

    const phones = await Promise.all(NAMES.map((name, i) => openPhone(browser, i, name, TEAMS[i % 2]!)));
    for (const phone of phones) await joinByLink(phone, `${baseURL}/join?pin=${game.pin}`);
    expect((await game.act("start")).status).toBe(200);
    expect((await game.act("open")).status).toBe(200);
    const picks = ["Mars", "Mars", "Venus", "Mars", "Jupiter", "Mars"];
    for (const [i, phone] of phones.entries()) {
      await phone.page.getByRole("button", { name: picks[i]!, exact: true }).click();
      await expect(phone.page.getByText("Answer received ✓")).toBeVisible();
    }
    await expect(host.getByText(`${NAMES.length} of ${NAMES.length} answered`, { exact: true })).toBeVisible();
    expect((await game.act("close")).status).toBe(200);
    expect((await game.act("reveal")).status).toBe(200);

    const phone = phones[0]!.page;
    await expect(phone.getByRole("region", { name: /Your team/ })).toBeVisible();
    await expect(screen.getByText(/got it right/)).toBeVisible();
    await expect(host.getByText("Iron oxide")).toBeVisible();
    await host.screenshot({ path: "docs/screenshots/host-console.png" });
    await phone.screenshot({ path: "docs/screenshots/phone.png", fullPage: true });
    await screen.screenshot({ path: "docs/screenshots/screen.png" });
    await Promise.all(phones.map((p) => p.context.close()));
  } finally {
    await game.close();
  }
});
