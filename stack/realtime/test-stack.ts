import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@supabase/supabase-js";
import postgres from "postgres";
import WebSocket from "ws";
import { parseStackEnv } from "../config";
import { HttpError, sendJson } from "../http/json";
import { createKeys, type Keys } from "../keys";
import { createLogger, type Logger } from "../log";
import { startDatabase, type Database } from "../postgres/database";
import type { RealtimeOptions } from "./core";
import { createRealtimeService, type RealtimeService } from "./realtime-service";

/**
 * A stack with only Postgres and Realtime, whose realtime options can be tuned: for the tests that need
 * non-default limits (frame size, idle timeout) and for the benchmark's server process. Everything else
 * uses the full stack of `stack/test/harness.ts`. Mounted the way `stack.ts` mounts services. PGlite in
 * memory by default; a fresh database on the real server when TEST_DATABASE_URL is set (dropped on stop).
 * No migrations: realtime only needs bootstrap.sql (realtime.messages, realtime.topic(), roles).
 */
export type RealtimeTestStack = {
  apiUrl: string;
  keys: Keys;
  db: Database;
  realtime: RealtimeService;
  stop(): Promise<void>;
};

export async function startRealtimeTestStack(
  options: { realtime?: Partial<RealtimeOptions>; log?: Logger; databaseUrl?: string } = {},
): Promise<RealtimeTestStack> {
  const env = parseStackEnv({
    STACK_API_PORT: "0",
    STACK_DB_PORT: "0",
    STACK_DATA_DIR: "memory://",
    STACK_LOG: process.env.STACK_LOG ?? "error",
  });
  const log = options.log ?? createLogger(env.STACK_LOG, "realtime");
  const keys = await createKeys(env);
  const realDb = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  if (realDb) {
    const url = new URL(realDb);
    url.pathname = `/pubquiz_rt_test_${randomBytes(6).toString("hex")}`;
    databaseUrl = url.toString();
  }
  const db = await startDatabase({
    url: databaseUrl,
    host: "127.0.0.1",
    port: 0,
    dataDir: "memory://",
    migrationsDir: "/nonexistent-no-migrations",
    log,
  });
  const realtime = await createRealtimeService({ env, keys, db, log }, options.realtime);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stack");
    if (!url.pathname.startsWith(`${realtime.prefix}/`)) return sendJson(res, 404, { message: "not found" });
    realtime.handle(req, res, url.pathname.slice(realtime.prefix.length), url).catch((error: unknown) => {
      if (error instanceof HttpError) sendJson(res, error.status, error.body, error.headers);
      else sendJson(res, 500, { message: String(error) });
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://stack");
    if (!url.pathname.startsWith(`${realtime.prefix}/`)) {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    realtime.upgrade?.(req, socket, head, url.pathname.slice(realtime.prefix.length), url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    keys,
    db,
    realtime,
    async stop() {
      await realtime.stop();
      server.closeAllConnections();
      await closeServer(server);
      await db.stop();
      if (databaseUrl) await dropDatabase(databaseUrl);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
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

/** supabase-js' client type as `createClient` returns it without a Database type. */
export type TestClient = ReturnType<typeof createClient>;

/** The official client as an app creates it (Node 20 needs `ws` as transport); `vsn` picks the serializer. */
export function createRealtimeTestClient(
  apiUrl: string,
  key: string,
  realtime: { vsn?: "1.0.0" | "2.0.0"; timeout?: number; heartbeatIntervalMs?: number } = {},
): TestClient {
  return createClient(apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket, ...realtime },
  });
}
