import { expect, test } from "@playwright/test";
import { joinPhone, startLiveGame } from "./support/live-game";

/**
 * A short live game in real Chromium: players join through the QR link (/join?pin=…), answer right, wrong
 * and not at all; every phone and the big screen show what the database decided.
 */
test("players join by QR link, answer, and see the results the database decided", async ({ browser, baseURL }) => {
  const game = await startLiveGame(baseURL!);
  try {
    const screen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await screen.goto(`/screen/${game.pin}`);
    await expect(screen.getByText(game.pin.split("").join(""), { exact: false }).first()).toBeVisible();

    const [alice, bob, carol] = [
      (await joinPhone(browser, game, "Alice")).page,
      (await joinPhone(browser, game, "Bob")).page,
      (await joinPhone(browser, game, "Carol")).page,
    ];
    await expect(screen.getByText("3 players")).toBeVisible();

    expect((await game.act("start")).status).toBe(200);
    expect((await game.act("open")).status).toBe(200);
    await alice.getByRole("button", { name: /Mars/ }).click();
    await bob.getByRole("button", { name: /Venus/ }).click();
    await expect(alice.getByText("Answer received ✓")).toBeVisible();
    await expect(bob.getByText("Answer received ✓")).toBeVisible();

    // A reload mid-question comes back to the same answer.
    await alice.reload();
    await expect(alice.getByText(/You answered: Mars/)).toBeVisible();

    expect((await game.act("close")).status).toBe(200);
    expect((await game.act("reveal")).status).toBe(200);
    await expect(alice.getByText("Correct!")).toBeVisible();
    await expect(bob.getByText("Wrong")).toBeVisible();
    await expect(carol.getByText("You did not answer.")).toBeVisible();
    await expect(screen.getByText(/Correct/).first()).toBeVisible();

    const rows = await game.query<{ nickname: string; score: number }>(
      "select nickname, score from public.participants where session_id = $1 order by score desc, nickname",
      [game.sessionId],
    );
    expect(rows.map((r) => r.nickname)).toEqual(["Alice", "Bob", "Carol"]);
    expect(rows[0]!.score).toBeGreaterThan(900);
    expect(rows.slice(1).map((r) => r.score)).toEqual([0, 0]);

    expect((await game.act("finish")).status).toBe(200);
    await expect(alice.getByText("You finished #1 of 3")).toBeVisible();
  } finally {
    await game.close();
  }
});

test("a wrong PIN is refused with a clear message", async ({ page }) => {
  await page.goto("/join?pin=000000");
  await expect(page.getByText(/no game|not found|check the PIN/i).first()).toBeVisible();
});
