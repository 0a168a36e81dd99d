import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { Logger } from "../log";
import { applyMigrations } from "./migrate";
import { startPgliteCheckpointer } from "./pglite-checkpointer";
import { startPgliteThread } from "./pglite-thread-protocol";

export type Sql = postgres.Sql;

export type Database = {
  /** Connection string clients use: the PGlite socket, or the real Postgres given. */
  url: string;
  backend: "pglite" | "postgres";
  /** The stack's own pool (privileged; the services switch role per transaction where RLS must apply). */
  sql: Sql;
  stats(): Promise<Record<string, number | string>>;
  /**
   * Fault tests: cuts every client connection, as a database restart would (PGlite: the socket server is
   * stopped and started again on the same port; Postgres: pg_terminate_backend on every other backend of
   * this database). Clients see their connection die mid-query and reconnect on their next one.
   */
  dropConnections(): Promise<number>;
  stop(): Promise<void>;
};

export type DatabaseOptions = {
  /** A real Postgres; when absent, PGlite. */
  url?: string;
  host: string;
  port: number;
  /** PGlite data folder, or `memory://`. */
  dataDir: string;
  migrationsDir: string;
  log: Logger;
};

const bootstrapSql = readFileSync(fileURLToPath(new URL("./bootstrap.sql", import.meta.url)), "utf8");

// PGlite runs one statement at a time; the socket server queues clients and pins a transaction to its
// connection. Each connection is cheap, so allow plenty: the app's pool, the stack's and the CLI's.
const PGLITE_MAX_CONNECTIONS = 200;

export async function startDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return connectToPostgres({ ...options, url: options.url });
  return startPglite(options);
}

async function connectToPostgres(options: DatabaseOptions & { url: string }): Promise<Database> {
  const url = options.url;
  await ensureDatabaseExists(url);
  const sql = postgres(url, { max: 10, onnotice: () => {}, prepare: false });
  await bootstrapWithRetry(sql);
  await applyMigrations({ dbUrl: url, migrationsDir: options.migrationsDir, log: options.log });
  return {
    url,
    backend: "postgres",
    sql,
    stats: () => Promise.resolve({ backend: "postgres" }),
    async dropConnections() {
      const [row] = await sql<{ n: number }[]>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
      return row?.n ?? 0;
    },
    stop: () => sql.end({ timeout: 2 }),
  };
}

async function startPglite(options: DatabaseOptions): Promise<Database> {
  const thread = await startPgliteThread({
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    maxConnections: PGLITE_MAX_CONNECTIONS,
    bootstrapSql,
  });
  const url = `postgresql://postgres:postgres@${options.host}:${thread.port}/postgres`;
  try {
    await applyMigrations({ dbUrl: url, migrationsDir: options.migrationsDir, log: options.log });
  } catch (error) {
    await thread.stop();
    throw error;
  }
  const sql = postgres(url, { max: 4, onnotice: () => {}, prepare: false });
  const checkpointer = startPgliteCheckpointer(sql, options.log);
  return {
    url,
    backend: "pglite",
    sql,
    stats: async () => ({ backend: "pglite", ...(await thread.stats()), checkpoints: checkpointer.checkpoints() }),
    dropConnections: () => thread.dropConnections(),
    async stop() {
      checkpointer.stop();
      await sql.end({ timeout: 2 });
      await thread.stop();
    },
  };
}

/**
 * Roles are cluster-wide: two stacks bootstrapping fresh databases on one server at once (parallel test
 * files) can race on `create role` / `grant`. The script is idempotent, so retry it.
 */
async function bootstrapWithRetry(sql: Sql, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.unsafe(bootstrapSql);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const raced = code === "23505" || code === "42710" || code === "XX000" || code === "40001";
      if (!raced || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** A fresh machine has the server but not our database: create it, as `createdb` would. */
async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1)) || "postgres";
  if (name === "postgres") return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}
