import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createAuthService } from "./auth/auth-service";
import type { StackEnv } from "./config";
import { sendJson } from "./http/json";
import { createStackMetrics } from "./http/metrics";
import { closeServer, createServiceServer, listen } from "./http/server";
import { createKeys, type Keys } from "./keys";
import { createLogger, type Logger } from "./log";
import { startDatabase, type Database } from "./postgres/database";
import { createRealtimeService, type RealtimeService } from "./realtime/realtime-service";
import type { HttpService, ServiceDeps, ServiceHealth } from "./service";
import { createUpstashService } from "./upstash/upstash-service";

/** The running local stack: what a client needs to reach it, and how to stop it. */
export type Stack = {
  apiUrl: string;
  db: Database;
  keys: Keys;
  services: Record<string, HttpService>;
  /** Realtime, typed: fault tests drop every socket with `realtime.disconnectAll()`. */
  realtime: RealtimeService;
  /** Everything an app or client needs, as environment variables. */
  clientEnv: Record<string, string>;
  stop(): Promise<void>;
};

const defaultMigrationsDir = fileURLToPath(new URL("../supabase/migrations", import.meta.url));

export async function startStack(
  env: StackEnv,
  options: { migrationsDir?: string; log?: Logger } = {},
): Promise<Stack> {
  const log = options.log ?? createLogger(env.STACK_LOG);
  const keys = await createKeys(env);
  const db = await startDatabase({
    url: env.DATABASE_URL,
    host: "127.0.0.1",
    port: env.STACK_DB_PORT,
    dataDir: env.STACK_DATA_DIR,
    migrationsDir: options.migrationsDir ?? defaultMigrationsDir,
    log,
  });
  const deps: ServiceDeps = { env, keys, db, log };
  const realtime = await createRealtimeService(deps);
  const list = [createAuthService(deps), realtime, await createUpstashService(deps)];
  const services = Object.fromEntries(list.map((s) => [s.name, s]));

  const metrics = createStackMetrics({ services: list, realtime, host: env.STACK_HOST, token: env.METRICS_TOKEN });
  const server = createServiceServer(list, log, async (req, res, url) => {
    if (url.pathname === "/health") await sendHealth(list, db, res);
    else if (url.pathname === "/metrics" && req.method === "GET") await metrics.handle(req, res);
    else return false;
    return true;
  });
  await listen(server, env.STACK_API_PORT, env.STACK_HOST);
  const { port } = server.address() as AddressInfo;
  // The URL this machine uses; browsers elsewhere on the LAN are given the page's host instead (lib/server).
  const apiUrl = `http://${["0.0.0.0", "::"].includes(env.STACK_HOST) ? "127.0.0.1" : env.STACK_HOST}:${port}`;

  const clientEnv = {
    NEXT_PUBLIC_SUPABASE_URL: apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SUPABASE_JWT_SECRET: keys.jwtSecret,
    DATABASE_URL: db.url,
    // A direct connection (PGlite's socket or the server given in DATABASE_URL), not a transaction pooler.
    DATABASE_PREPARE: "true",
    UPSTASH_REDIS_REST_URL: `${apiUrl}/upstash`,
    UPSTASH_REDIS_REST_TOKEN: env.UPSTASH_REDIS_REST_TOKEN,
  };

  return {
    apiUrl,
    db,
    keys,
    services,
    realtime,
    clientEnv,
    async stop() {
      await closeServer(server);
      for (const service of list) await service.stop();
      await db.stop();
    },
  };
}

async function sendHealth(list: HttpService[], db: Database, res: ServerResponse) {
  const started = performance.now();
  let database: ServiceHealth;
  try {
    await db.sql`select 1`;
    database = { status: "ok", latency_ms: round(performance.now() - started), detail: await db.stats() };
  } catch (error) {
    database = { status: "down", detail: { error: String(error) } };
  }
  const entries = await Promise.all(list.map(async (s) => [s.name, await s.health()] as const));
  const services: Record<string, ServiceHealth> = { postgres: database, ...Object.fromEntries(entries) };
  const healthy = Object.values(services).every((s) => s.status === "ok");
  sendJson(res, healthy ? 200 : 503, { status: healthy ? "ok" : "degraded", services });
}

const round = (ms: number) => Math.round(ms * 100) / 100;
