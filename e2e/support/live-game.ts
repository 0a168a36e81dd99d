import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createClient } from "@supabase/supabase-js";
import postgres from "postgres";
import WebSocket from "ws";

/**
 * Test fixtures for a live game on the e2e stack (playwright.config.ts starts it on fixed ports): a host
 * signs up through Auth, creates a quiz and a session through the game.* functions as themselves, and
 * drives the session through the app's own API, exactly as the host console does.
 */
export const E2E_API_URL = `http://127.0.0.1:${process.env.E2E_STACK_API_PORT ?? "54331"}`;
export const E2E_DB_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_STACK_DB_PORT ?? "54332"}/postgres`;
export const ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";

export const QUIZ = {
  title: "E2E pub night",
  rounds: [{ title: "Round one" }],
  questions: [
    {
      kind: "single",
      prompt: "Which planet is known as the Red Planet?",
      round: 0,
      time_limit_s: 30,
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
      prompt: "The Great Wall of China is visible from space with the naked eye.",
      round: 0,
      time_limit_s: 30,
      key: { correct_option_ids: ["false"] },
    },
  ],
};

export type LiveGame = {
  sessionId: string;
  pin: string;
  /** The host's credentials, for signing in to the console in a browser. */
  host: { email: string; password: string };
  act(action: string, extra?: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** A quiz as game.create_quiz takes it (see QUIZ); teams on or off for the session. */

export type LiveGameOptions = { quiz?: object; teamsEnabled?: boolean };

export async function startLiveGame(baseURL: string, options: LiveGameOptions = {}): Promise<LiveGame> {
  const supabase = createClient(E2E_API_URL, ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const email = `host-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery";
  const { data, error } = await supabase.auth.signUp({ email, password });
  if (error || !data.session) throw error ?? new Error("no session after sign-up");
  const token = data.session.access_token;
  const claims = { role: "authenticated", sub: data.session.user.id, aud: "authenticated" };
  const sql = postgres(E2E_DB_URL, { max: 2, prepare: false, onnotice: () => {} });
  const session = await sql.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
    const [quiz] = await tx`select game.create_quiz(${JSON.stringify(options.quiz ?? QUIZ)}::text::jsonb) as result`;
    const teams = options.teamsEnabled ?? false;
    const [created] = await tx`select game.create_session(${quiz?.result as string}::uuid, ${teams}, true) as result`;
    return (created?.result as { session: { id: string; pin: string } }).session;
  });
  return {
    sessionId: session.id,
    pin: session.pin,
    host: { email, password },
    async act(action, extra = {}) {
      const response = await fetch(`${baseURL}/api/sessions/${session.id}/actions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ action, ...extra }),
      });
      return { status: response.status, body: await response.json() };
    },
    async query<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
      const rows: unknown = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as T[];
    },
    close: () => sql.end({ timeout: 2 }),
  };
}

/** A phone (its own browser context) joins through the QR link and waits until it is in the game. */
export async function joinPhone(
  browser: Browser,
  game: LiveGame,
  nickname: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/join?pin=${game.pin}`);
  await page.getByLabel(/nickname/i).fill(nickname);
  await page.getByRole("button", { name: /play/i }).click();
  await page.waitForURL(/\/play\//);
  await expect(page.getByText(/You're in/)).toBeVisible();
  return { context, page };
}
