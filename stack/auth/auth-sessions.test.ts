import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authFetch,
  createAuthTestClient,
  dropAuthTestDatabase,
  startAuthTestStack,
  uniqueEmail,
  type AuthTestStack,
} from "./test-stack";

/** Sessions over time: refresh-token rotation and reuse, and the three logout scopes. */

let stack: AuthTestStack;

beforeAll(async () => {
  stack = await startAuthTestStack();
});

afterAll(async () => {
  await stack.stop();
  await dropAuthTestDatabase(stack);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("refresh tokens", () => {
  test("rotate: each refresh returns a new token whose parent is the old one", async () => {
    const client = createAuthTestClient(stack);
    const { data } = await client.auth.signInAnonymously();
    const first = data.session!.refresh_token;
    const { data: refreshed, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    const second = refreshed.session!.refresh_token;
    expect(second).not.toBe(first);
    expect(decodeJwt(refreshed.session!.access_token).amr).toEqual(decodeJwt(data.session!.access_token).amr);
    const sessionId = decodeJwt(refreshed.session!.access_token).session_id as string;
    const rows = await stack.db.sql<{ token: string; parent: string | null; revoked: boolean }[]>`
      select token, parent, revoked from auth.refresh_tokens where session_id = ${sessionId}::uuid order by id`;
    expect(rows).toEqual([
      { token: first, parent: null, revoked: true },
      { token: second, parent: first, revoked: false },
    ]);
  });

  test("reusing a rotated token within 10 s returns the current child (a lost response)", async () => {
    const client = createAuthTestClient(stack);
    const { data } = await client.auth.signInAnonymously();
    const first = data.session!.refresh_token;
    const { data: refreshed } = await client.auth.refreshSession();
    const current = refreshed.session!.refresh_token;
    const again = await authFetch(stack, "/token?grant_type=refresh_token", {
      method: "POST",
      json: { refresh_token: first },
    });
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(current);
    expect(again.body.user?.id).toBe(data.user?.id);
  });

  test("reusing a rotated token after the interval is refresh_token_already_used and ends the session", async () => {
    const client = createAuthTestClient(stack);
    const { data } = await client.auth.signInAnonymously();
    const first = data.session!.refresh_token;
    const { data: refreshed } = await client.auth.refreshSession();
    await stack.db
      .sql`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = ${first}`;

    const reuse = await authFetch(stack, "/token?grant_type=refresh_token", {
      method: "POST",
      json: { refresh_token: first },
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ code: "refresh_token_already_used", message: "Invalid Refresh Token: Already Used" });
    // The legitimate holder is out too: its refresh token and its access token are dead.
    const next = await authFetch(stack, "/token?grant_type=refresh_token", {
      method: "POST",
      json: { refresh_token: refreshed.session!.refresh_token },
    });
    expect(next.status).toBe(400);
    expect(next.body.code).toBe("refresh_token_not_found");
    const user = await authFetch(stack, "/user", { headers: bearer(refreshed.session!.access_token) });
    expect(user.body.code).toBe("session_not_found");
  });

  test("an unknown refresh token is refresh_token_not_found; a missing one validation_failed", async () => {
    const unknown = await authFetch(stack, "/token?grant_type=refresh_token", {
      method: "POST",
      json: { refresh_token: "nope" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      code: "refresh_token_not_found",
      message: "Invalid Refresh Token: Refresh Token Not Found",
    });
    const { error } = await createAuthTestClient(stack).auth.refreshSession({ refresh_token: "nope" });
    expect(error?.code).toBe("refresh_token_not_found");
    const missing = await authFetch(stack, "/token?grant_type=refresh_token", { method: "POST", json: {} });
    expect(missing.status).toBe(400);
  });

  test("concurrent refreshes of one token all succeed with the same child", async () => {
    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    const token = data.session!.refresh_token;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        authFetch(stack, "/token?grant_type=refresh_token", { method: "POST", json: { refresh_token: token } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.refresh_token)).size).toBe(1);
  });
});

describe("logout", () => {
  async function twoSessions() {
    const email = uniqueEmail("logout");
    const a = createAuthTestClient(stack);
    const b = createAuthTestClient(stack);
    const { data: sa } = await a.auth.signUp({ email, password: "secret-123" });
    const { data: sb } = await b.auth.signInWithPassword({ email, password: "secret-123" });
    return { a, b, sa: sa.session!, sb: sb.session! };
  }
  const refresh = (token: string) =>
    authFetch(stack, "/token?grant_type=refresh_token", { method: "POST", json: { refresh_token: token } });
  const getUserStatus = async (token: string) =>
    (await authFetch(stack, "/user", { headers: bearer(token) })).body.code ?? "ok";

  test("global (the default) ends every session of the user", async () => {
    const { a, sa, sb } = await twoSessions();
    expect((await a.auth.signOut()).error).toBeNull();
    expect(await getUserStatus(sa.access_token)).toBe("session_not_found");
    expect(await getUserStatus(sb.access_token)).toBe("session_not_found");
    expect((await refresh(sa.refresh_token)).body.code).toBe("refresh_token_not_found");
    expect((await refresh(sb.refresh_token)).body.code).toBe("refresh_token_not_found");
  });

  test("local ends this session only", async () => {
    const { a, sa, sb } = await twoSessions();
    expect((await a.auth.signOut({ scope: "local" })).error).toBeNull();
    expect(await getUserStatus(sa.access_token)).toBe("session_not_found");
    expect(await getUserStatus(sb.access_token)).toBe("ok");
    expect((await refresh(sb.refresh_token)).status).toBe(200);
  });

  test("others ends every other session", async () => {
    const { a, sa, sb } = await twoSessions();
    expect((await a.auth.signOut({ scope: "others" })).error).toBeNull();
    expect(await getUserStatus(sa.access_token)).toBe("ok");
    expect(await getUserStatus(sb.access_token)).toBe("session_not_found");
  });

  test("answers 204 with no body", async () => {
    const { sa } = await twoSessions();
    const response = await authFetch(stack, "/logout?scope=local", {
      method: "POST",
      headers: bearer(sa.access_token),
    });
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });
});
