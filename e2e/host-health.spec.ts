import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { startLiveGame } from "./support/live-game";

/** The host console's health strip, in plain words, during a real game. */
test("the console's health strip follows the room: realtime, answers, acknowledgement time", async ({
  browser,
  baseURL,
}) => {
  const game = await startLiveGame(baseURL!);
  try {
    const host = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await host.goto("/login");
    await host.getByLabel("Email").fill(game.host.email);
    await host.getByLabel("Password").fill(game.host.password);
    await host.getByRole("button", { name: "Sign in" }).click();
    await host.waitForURL(/\/host$/);
    await host.goto(`/host/sessions/${game.sessionId}`);
    const strip = host.getByRole("region", { name: "Room health" }).getByRole("status");
    await expect(strip).toContainText("Realtime connected");
    await expect(strip).toContainText("0 players in the game");

    const player = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await player.goto(`/join?pin=${game.pin}`);
    await player.getByLabel(/nickname/i).fill("Alice");
    await player.getByRole("button", { name: /play/i }).click();
    await expect(player.getByText(/You're in/)).toBeVisible();
    await expect(strip).toContainText("1 players in the game", { timeout: 15_000 });

    expect((await game.act("start")).status).toBe(200);
    expect((await game.act("open")).status).toBe(200);
    // The console follows by realtime event and snapshot; on a busy machine that can take a few seconds.
    await expect(strip).toContainText("0 of 1 answered, 1 still answering", { timeout: 15_000 });
    await player.getByRole("button", { name: /Mars/ }).click();
    await expect(player.getByText("Answer received ✓")).toBeVisible();
    await expect(strip).toContainText("1 of 1 answered, 0 still answering", { timeout: 15_000 });
    await expect(strip).toContainText(/Answers confirmed within \d+ ms|Answers slow: the slowest took/);

    const results = await new AxeBuilder({ page: host }).include("main").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await host.screenshot({ path: test.info().outputPath("host-console.png") });
  } finally {
    await game.close();
  }
});
