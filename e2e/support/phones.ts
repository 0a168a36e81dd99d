import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * Player phones for the big e2e: light browser contexts (small viewport, no trace) that count the realtime
 * messages they receive by reading the WebSocket frames Chromium delivers — no hook in the app.
 */
export type Phone = {
  index: number;
  nickname: string;
  team: string | null;
  context: BrowserContext;
  page: Page;
  /** Game events received over Realtime, by event type (question_opened, …). */
  events: Map<string, number>;
  /** Every frame received on the Realtime socket (game events, join replies, heartbeats). */
  frames: { total: number };
  /** Holds this phone's answer requests until `release()` (a network that delivers them too late). */
  holdAnswers(): Promise<{ release: () => Promise<void> }>;
};

const PHONE_VIEWPORT = { width: 390, height: 760 };

export async function openPhone(
  browser: Browser,
  index: number,
  nickname: string,
  team: string | null,
): Promise<Phone> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, reducedMotion: "reduce" });
  const page = await context.newPage();
  const events = new Map<string, number>();
  const frames = { total: 0 };
  // A page keeps its listeners across reloads: the new socket after a reload is counted too.
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/realtime/v1/websocket")) return;
    socket.on("framereceived", ({ payload }) => {
      frames.total++;
      const type = gameEventType(payload);
      if (type) events.set(type, (events.get(type) ?? 0) + 1);
    });
  });
  return {
    index,
    nickname,
    team,
    context,
    page,
    events,
    frames,
    async holdAnswers() {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const pattern = "**/api/sessions/*/answers";
      await context.route(pattern, async (route) => {
        await gate;
        await route.continue();
      });
      return {
        release: async () => {
          open();
          // Let the held requests go on, then stop holding new ones.
          await context.unrouteAll({ behavior: "wait" });
        },
      };
    },
  };
}

/** The game event type of a Realtime frame (Phoenix v2 text array), or null for any other frame. */
export function gameEventType(payload: string | Buffer): string | null {
  if (typeof payload !== "string") return "binary";
  try {
    const message: unknown = JSON.parse(payload);
    if (!Array.isArray(message) || message[3] !== "broadcast") return null;
    const body = message[4] as { event?: string; payload?: { type?: string } } | undefined;
    return body?.event === "game" ? (body.payload?.type ?? "unknown") : null;
  } catch {
    return null;
  }
}

/** Joins through the join URL (as the QR code encodes it): nickname, team, play. */
export async function joinByLink(phone: Phone, joinUrl: string): Promise<void> {
  const { page } = phone;
  await page.goto(joinUrl);
  await page.getByLabel("Your nickname").fill(phone.nickname);
  if (phone.team) await page.getByRole("radio", { name: phone.team, exact: true }).check();
  await page.getByRole("button", { name: "Let's play" }).click();
  await page.waitForURL(/\/play\//);
  await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
}

/** Runs `task` over `items`, at most `limit` at a time (a join wave that a shared 2-core box absorbs). */
export async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}
