import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { asCaller, createDb, type CallerClaims, type Db, type Tx } from "@/lib/db";
import { createLogger } from "@/stack/log";
import { startDatabase, type Sql } from "@/stack/postgres/database";

/**
 * A database for one test file: only Postgres (no Auth/Realtime services), migrations applied by the
 * Supabase CLI exactly as in production. PGlite in memory by default; with TEST_DATABASE_URL, a fresh
 * database `pubquiz_db_test_<random>` on that server, dropped by stop().
 */

export type TestUser = { id: string; claims: CallerClaims };

export type TestDb = {
  backend: "pglite" | "postgres";
  url: string;
  /** Privileged (the migration role): for arranging fixtures and reading what clients cannot. */
  admin: Sql;
  /** The app's pool (lib/db): every query through it runs via `as`. */
  db: Db;
  /** A signed-in host (email account) or, with `anonymous`, a player/screen as anonymous sign-in. */
  createUser(options?: { anonymous?: boolean }): Promise<TestUser>;
  createUsers(count: number, options?: { anonymous?: boolean }): Promise<TestUser[]>;
  /** Runs fn in a transaction as the user (lib/db asCaller). */
  as<T>(user: TestUser | CallerClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
};

const migrationsDir = fileURLToPath(new URL("../migrations", import.meta.url));

export async function startTestDb(options: { poolSize?: number } = {}): Promise<TestDb> {
  const realUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  if (realUrl) {
    const url = new URL(realUrl);
    url.pathname = `/pubquiz_db_test_${randomBytes(6).toString("hex")}`;
    databaseUrl = url.toString();
  }
  const database = await startDatabase({
    url: databaseUrl,
    host: "127.0.0.1",
    port: 0,
    dataDir: "memory://",
    migrationsDir,
    log: createLogger((process.env.STACK_LOG as "error" | undefined) ?? "error", "db-test"),
  });
  const db = createDb(database.url, { max: options.poolSize ?? 20 });

  async function createUsers(count: number, opts: { anonymous?: boolean } = {}): Promise<TestUser[]> {
    const anonymous = opts.anonymous ?? false;
    const ids = Array.from({ length: count }, () => randomUUID());
    const rows = ids.map((id) => ({ id, email: anonymous ? null : `${id}@example.test`, is_anonymous: anonymous }));
    for (let i = 0; i < rows.length; i += 1000) {
      await database.sql`insert into auth.users ${database.sql(rows.slice(i, i + 1000), "id", "email", "is_anonymous")}`;
    }
    return ids.map((id) => ({
      id,
      claims: { role: "authenticated", sub: id, aud: "authenticated", is_anonymous: anonymous },
    }));
  }

  return {
    backend: database.backend,
    url: database.url,
    admin: database.sql,
    db,
    createUsers,
    async createUser(opts) {
      const [user] = await createUsers(1, opts);
      return user!;
    },
    as(user, fn) {
      const claims = isTestUser(user) ? user.claims : user;
      return asCaller(db, claims, fn);
    },
    async stop() {
      await db.end({ timeout: 2 });
      await database.stop();
      if (databaseUrl) await dropDatabase(databaseUrl);
    },
  };
}

function isTestUser(user: TestUser | CallerClaims): user is TestUser {
  return typeof (user as TestUser).id === "string" && typeof (user as TestUser).claims === "object";
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** The rejection's game error code (or the message of another error), for `expect(...).rejects`. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "resolved";
}
