import { expect, test } from "@playwright/test";
import { startLiveGame } from "./support/live-game";

/** The language switcher: a labelled select that sets the `locale` cookie, which beats Accept-Language. */
test("a player switches the join page to German, and the choice outlives Accept-Language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 760 } });
  const page = await context.newPage();
  await page.goto("/join?pin=123456");
  await expect(page.getByRole("heading", { name: "Join a quiz" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Language").selectOption("de");
  await expect(page.getByRole("heading", { name: "Einem Quiz beitreten" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("option", { name: "Deutsch" })).toHaveAttribute("lang", "de");
  const cookie = (await context.cookies()).find((c) => c.name === "locale");
  expect(cookie).toMatchObject({ value: "de", path: "/", httpOnly: true, sameSite: "Lax" });

  // The browser still asks for English; the cookie wins on every page, the home page included.
  await page.goto("/");
  await expect(page.getByLabel("Sprache")).toHaveValue("de");
  await expect(page.getByRole("link", { name: "Als Gastgeber anmelden" })).toBeVisible();
  await context.close();
});

test("a German browser gets German until the host picks English in the header", async ({ browser, baseURL }) => {
  const game = await startLiveGame(baseURL!);
  try {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("E-Mail").fill(game.host.email);
    await page.getByLabel("Passwort").fill(game.host.password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL(/\/host$/);
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    await page.getByLabel("Sprache").selectOption("en");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Your quizzes" })).toBeVisible();
    await page.goto(`/host/sessions/${game.sessionId}`);
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    await context.close();
  } finally {
    await game.close();
  }
});

test("a forged locale cookie falls back to the browser's language", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  await context.addCookies([{ name: "locale", value: "xx", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/join");
  await expect(page.getByRole("heading", { name: "Einem Quiz beitreten" })).toBeVisible();
  await context.close();
});
