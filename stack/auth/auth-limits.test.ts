import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createRateLimiter } from "./rate-limit";
import {
  createAuthTestClient,
  dropAuthTestDatabase,
  startAuthTestStack,
  uniqueEmail,
  type AuthTestStack,
} from "./test-stack";

/** Per-IP rate limits, and accounts surviving a restart of the stack. */

const stopped: AuthTestStack[] = [];
afterAll(async () => {
  for (const stack of stopped) await dropAuthTestDatabase(stack);
});

describe("token buckets", () => {
  test("a burst of `limit`, then one per window/limit; per key; 0 disables", () => {
    let now = 0;
    const limiter = createRateLimiter(3, 3_000, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(limiter.take("b")).toBe(true);
    now = 999;
    expect(limiter.take("a")).toBe(false);
    now = 1_000;
    expect(limiter.take("a")).toBe(true);
    limiter.stop();
    const off = createRateLimiter(0, 1_000);
    expect(Array.from({ length: 100 }, () => off.take("a")).every(Boolean)).toBe(true);
  });
});

describe("rate limits", () => {
  test("anonymous sign-ins and password sign-ins are limited per IP with 429 over_request_rate_limit", async () => {
    const stack = await startAuthTestStack({
      env: { STACK_AUTH_ANONYMOUS_PER_HOUR: "3", STACK_AUTH_SIGN_IN_PER_5_MIN: "2" },
    });
    try {
      const client = createAuthTestClient(stack);
      for (let i = 0; i < 3; i += 1) expect((await client.auth.signInAnonymously()).error).toBeNull();
      const limited = await client.auth.signInAnonymously();
      expect(limited.error?.status).toBe(429);
      expect(limited.error?.code).toBe("over_request_rate_limit");

      const email = uniqueEmail("limited");
      expect((await client.auth.signUp({ email, password: "secret-123" })).error).toBeNull();
      expect((await client.auth.signInWithPassword({ email, password: "wrong-one" })).error?.code).toBe(
        "invalid_credentials",
      );
      const blocked = await client.auth.signInWithPassword({ email, password: "secret-123" });
      expect(blocked.error?.status).toBe(429);
      expect(blocked.error?.code).toBe("over_request_rate_limit");

      // Refreshing an existing session is not a sign-in: still allowed.
      const { data } = await createAuthTestClient(stack).auth.refreshSession({
        refresh_token: (
          await stack.db.sql<{ token: string }[]>`select token from auth.refresh_tokens where not revoked limit 1`
        )[0]!.token,
      });
      expect(data.session).not.toBeNull();
      expect((stack.auth.stats?.() as Record<string, number>).rate_limited).toBe(2);
    } finally {
      await stack.stop();
      stopped.push(stack);
    }
  });
});

describe("persistence", () => {
  test("users survive a restart on the same data (PGlite folder, or the same Postgres database)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pubquiz-auth-"));
    const databaseName = `pubquiz_auth_restart_${randomBytes(6).toString("hex")}`;
    const email = uniqueEmail("persistent");
    try {
      const first = await startAuthTestStack({ dataDir, databaseName });
      const signUp = await createAuthTestClient(first).auth.signUp({ email, password: "secret-123" });
      expect(signUp.error).toBeNull();
      await first.stop();

      const second = await startAuthTestStack({ dataDir, databaseName });
      stopped.push(second);
      try {
        const client = createAuthTestClient(second);
        const { data, error } = await client.auth.signInWithPassword({ email, password: "secret-123" });
        expect(error).toBeNull();
        expect(data.user?.id).toBe(signUp.data.user?.id);
        // The old refresh token is still good, too.
        const refreshed = await createAuthTestClient(second).auth.refreshSession({
          refresh_token: signUp.data.session!.refresh_token,
        });
        expect(refreshed.error).toBeNull();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
