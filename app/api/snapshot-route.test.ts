import { randomUUID } from "node:crypto";
import { createServerClient } from "@supabase/ssr";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { asCaller, createDb, createQuiz, createSession, type Db } from "@/lib/db";
import { sampleQuiz } from "@/supabase/tests/fixtures";
import { dropTestDatabase, startTestStack, type TestStack } from "@/stack/test/harness";
import { closeAppDb, pagesRoute, params, signIn, useAppEnv } from "./test-support/app-env";

/**
 * GET /api/sessions/:id/snapshot, a Pages Router API route (pages/api/…/snapshot.ts): who may call it and
 * how (token, or the host's cookie session), and what a malformed request gets.
 */
let stack: TestStack;
let admin: Db;
let game: { sessionId: string; host: { token: string; userId: string }; email: string; password: string };

beforeAll(async () => {
  stack = await startTestStack();
  admin = createDb(stack.db.url, { max: 2 });
  await useAppEnv(stack.clientEnv);
  const email = `host-${randomUUID()}@example.test`;
  const password = "secret-12345";
  const host = await signIn(stack, "host", { email, password });
  const claims = { role: "authenticated" as const, sub: host.userId };
  const quizId = await asCaller(admin, claims, (tx) => createQuiz(tx, sampleQuiz()));
  const { session } = await asCaller(admin, claims, (tx) => createSession(tx, { quizId }));
  game = { sessionId: session.id, host, email, password };
});

afterAll(async () => {
  await closeAppDb();
  await admin?.end({ timeout: 2 });
  await stack?.stop();
  if (stack) await dropTestDatabase(stack);
});

async function snapshot(path: string, init: RequestInit = {}) {
  const route = pagesRoute((await import("@/pages/api/sessions/[sessionId]/snapshot")).default);
  return route(new Request(`http://app.test${path}`, init), params({ sessionId: path.split("/")[3]!.split("?")[0]! }));
}

/** The host's auth cookies as @supabase/ssr writes them in a browser that signed in with a password. */
async function hostCookieHeader(): Promise<string> {
  const jar = new Map<string, string>();
  const client = createServerClient(stack.apiUrl, stack.keys.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value)),
    },
    realtime: { transport: WebSocket as never },
  });
  const { error } = await client.auth.signInWithPassword({ email: game.email, password: game.password });
  if (error) throw error;
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

describe("GET /api/sessions/:id/snapshot", () => {
  test("the host reads it with a token, and with the cookie session of the console", async () => {
    const byToken = await snapshot(`/api/sessions/${game.sessionId}/snapshot`, {
      headers: { authorization: `Bearer ${game.host.token}` },
    });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("cache-control")).toBe("no-store");
    expect(await byToken.json()).toMatchObject({ role: "host", session: { id: game.sessionId } });

    const byCookie = await snapshot(`/api/sessions/${game.sessionId}/snapshot?view=screen`, {
      headers: { cookie: await hostCookieHeader() },
    });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.json()).toMatchObject({ role: "screen", session: { id: game.sessionId } });
  });

  test("without a token or a session: 401", async () => {
    const response = await snapshot(`/api/sessions/${game.sessionId}/snapshot`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  test("a stranger gets no session of someone else's", async () => {
    const stranger = await signIn(stack, "player");
    const response = await snapshot(`/api/sessions/${game.sessionId}/snapshot`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  test("a bad view or session id is a 400 that names the field; another method a 405", async () => {
    const auth = { authorization: `Bearer ${game.host.token}` };
    const badView = await snapshot(`/api/sessions/${game.sessionId}/snapshot?view=admin`, { headers: auth });
    expect(badView.status).toBe(400);
    expect(await badView.json()).toMatchObject({ error: { code: "bad_request", field: "view" } });

    const badId = await snapshot(`/api/sessions/not-a-uuid/snapshot`, { headers: auth });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { code: "bad_request", field: "sessionId" } });

    const post = await snapshot(`/api/sessions/${game.sessionId}/snapshot`, { method: "POST", headers: auth });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });
});
