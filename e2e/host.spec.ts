import { expect, test, type Page } from "@playwright/test";
import { startLiveGame } from "./support/live-game";

/** The host's side in real Chromium: sign-up, CSV import errors, and what another host may not see. */
async function signUpHost(page: Page): Promise<void> {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/host$/);
}

test("importing a broken CSV names the line and the field of each problem", async ({ page }) => {
  await signUpHost(page);
  await page.goto("/host/quizzes/new");
  const csv = [
    "round,kind,prompt,option1,option2,option3,option4,option5,option6,correct,accepted,target,tolerance,time_limit_s,points,image_url,explanation",
    "Round 1,single,Capital of France?,Paris,Rome,,,,,1,,,,20,1000,,",
    "Round 1,bogus,What is this?,,,,,,,,,,,20,1000,,",
  ].join("\n");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import CSV" }).click();
  await (await chooser).setFiles({ name: "quiz.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("alert").filter({ hasText: "Import failed" })).toContainText("Line 3, kind");
});

test("host B cannot open host A's console", async ({ browser, baseURL }) => {
  const game = await startLiveGame(baseURL!);
  try {
    const page = await (await browser.newContext()).newPage();
    await signUpHost(page);
    const response = await page.goto(`/host/sessions/${game.sessionId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(game.pin)).toHaveCount(0);
    const api = await page.request.get(`/api/sessions/${game.sessionId}/snapshot`);
    expect(api.status()).toBeGreaterThanOrEqual(400);
    expect(api.status()).toBeLessThan(500);
  } finally {
    await game.close();
  }
});

test("a kicked player is out and stays out", async ({ browser, baseURL }) => {
  const game = await startLiveGame(baseURL!);
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`/join?pin=${game.pin}`);
    await page.getByLabel(/nickname/i).fill("Mallory");
    await page.getByRole("button", { name: /play/i }).click();
    await expect(page.getByText(/You're in/)).toBeVisible();
    const [player] = await game.query<{ id: string }>(
      "select id from public.participants where session_id = $1 and nickname = 'Mallory'",
      [game.sessionId],
    );
    expect((await game.act("kick", { participantId: player!.id })).status).toBe(200);
    await expect(page.getByText("You were removed")).toBeVisible();
    await page.reload();
    await expect(page.getByText("You were removed")).toBeVisible();
    await page.goto(`/join?pin=${game.pin}`);
    await expect(page.getByText(/removed/i).first()).toBeVisible();
    const rows = await game.query("select 1 from public.participants where session_id = $1 and not is_kicked", [
      game.sessionId,
    ]);
    expect(rows).toHaveLength(0);
  } finally {
    await game.close();
  }
});
