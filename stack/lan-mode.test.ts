import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@supabase/supabase-js";
import { describe, expect, test } from "vitest";
import WebSocket from "ws";
import { DEV_JWT_SECRET, parseStackEnv } from "./config";
import { loadOrCreateLanSecrets } from "./lan-secrets";
import { startStack } from "./stack";
import { createLogger } from "./log";
import { NO_MIGRATIONS } from "./test/harness";

describe("LAN mode: a stack other machines can reach", () => {
  test("refuses to listen beyond loopback with the public development secrets", () => {
    expect(() => parseStackEnv({ STACK_HOST: "0.0.0.0" })).toThrow(
      /SUPABASE_JWT_SECRET, SUPABASE_JWT_SIGNING_KEY, UPSTASH_REDIS_REST_TOKEN still have the public development values/,
    );
    expect(parseStackEnv({ STACK_HOST: "127.0.0.1" }).SUPABASE_JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  test("secrets are generated once per data folder, private to the user, and kept across restarts", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "pubquiz-lan-")), "pglite");
    const first = await loadOrCreateLanSecrets(dataDir);
    const again = await loadOrCreateLanSecrets(dataDir);
    expect(again).toEqual(first);
    expect(first.SUPABASE_JWT_SECRET).not.toBe(DEV_JWT_SECRET);
    expect(statSync(join(dataDir, "..", "lan-secrets.json")).mode & 0o777).toBe(0o600);
    const other = await loadOrCreateLanSecrets("memory://");
    expect(other.SUPABASE_JWT_SECRET).not.toBe(first.SUPABASE_JWT_SECRET);
  });

  test("with generated secrets the API listens on all interfaces, Postgres on loopback only; the dev keys are refused", async () => {
    const secrets = await loadOrCreateLanSecrets("memory://");
    const stack = await startStack(
      parseStackEnv({
        ...secrets,
        STACK_HOST: "0.0.0.0",
        STACK_API_PORT: "0",
        STACK_DB_PORT: "0",
        STACK_DATA_DIR: "memory://",
      }),
      { log: createLogger("error", "lan-test"), migrationsDir: NO_MIGRATIONS },
    );
    try {
      expect(new URL(stack.apiUrl).hostname).toBe("127.0.0.1");
      expect(new URL(stack.db.url).hostname).toBe("127.0.0.1");
      const supabase = createClient(stack.apiUrl, stack.keys.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
      });
      const { data, error } = await supabase.auth.signInAnonymously();
      expect(error).toBeNull();
      expect(data.session?.access_token).toBeTruthy();
      // The well-known development anon key (signed with the public secret) opens nothing here.
      const devStack = await startStack(
        parseStackEnv({ STACK_API_PORT: "0", STACK_DB_PORT: "0", STACK_DATA_DIR: "memory://" }),
        { log: createLogger("error", "lan-test-dev"), migrationsDir: NO_MIGRATIONS },
      );
      try {
        const forged = createClient(stack.apiUrl, devStack.keys.anonKey, {
          auth: { persistSession: false, autoRefreshToken: false },
          realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
        });
        const attempt = await forged.auth.signInAnonymously();
        expect(attempt.error?.status).toBe(401);
      } finally {
        await devStack.stop();
      }
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
