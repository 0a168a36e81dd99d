import "server-only";
import { createDb, type Db } from "@/lib/db";
import { serverEnv } from "@/lib/env";

// One pool per server instance. Kept on globalThis so Next's dev-mode module reloads do not leak pools.
const holder = globalThis as typeof globalThis & { __pubquizDb?: Db };

export function appDb(): Db {
  holder.__pubquizDb ??= createDb(serverEnv().DATABASE_URL, { max: serverEnv().DATABASE_POOL_SIZE });
  return holder.__pubquizDb;
}
