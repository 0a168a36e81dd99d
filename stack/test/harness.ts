import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { parseStackEnv } from "../config";
import { createLogger, type Logger } from "../log";
import { startStack, type Stack } from "../stack";

/**
 * Starts a throwaway stack for a test file: PGlite in memory and the in-memory Redis by default; the
 * machine's real Postgres and Redis when TEST_DATABASE_URL / TEST_REDIS_URL are set (as `.ci/run` does),
 * each stack in a fresh database of its own.
 */
export type TestStack = Stack & { backend: "pglite" | "postgres"; redis: "memory" | "redis" };

export async function startTestStack(
  options: {
    dataDir?: string;
    databaseName?: string;
    env?: Record<string, string>;
    migrationsDir?: string;
    log?: Logger;
  } = {},
): Promise<TestStack> {
  const realDb = process.env.TEST_DATABASE_URL;
  const realRedis = process.env.TEST_REDIS_URL;
  let databaseUrl: string | undefined;
  if (realDb) {
    const url = new URL(realDb);
    url.pathname = `/${options.databaseName ?? `pubquiz_test_${randomBytes(6).toString("hex")}`}`;
    databaseUrl = url.toString();
  }
  const env = parseStackEnv({
    STACK_API_PORT: "0",
    STACK_DB_PORT: "0",
    STACK_DATA_DIR: options.dataDir ?? "memory://",
    STACK_LOG: process.env.STACK_LOG ?? "error",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(realRedis ? { REDIS_URL: realRedis } : {}),
    ...options.env,
  });
  const stack = await startStack(env, {
    log: options.log ?? createLogger(env.STACK_LOG),
    migrationsDir: options.migrationsDir,
  });
  return { ...stack, backend: realDb ? "postgres" : "pglite", redis: realRedis ? "redis" : "memory" };
}

/** For suites that need the bare Supabase bootstrap only: a folder with no migrations in it. */
export const NO_MIGRATIONS = "/nonexistent/pubquiz-no-migrations";

/** Drops a database created by `startTestStack` on the real server (after the stack has stopped). */
export async function dropTestDatabase(stack: TestStack): Promise<void> {
  if (stack.backend !== "postgres") return;
  const url = new URL(stack.db.url);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}
