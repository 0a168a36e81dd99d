import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";
import { afterAll, beforeAll } from "vitest";
import { parseStackEnv } from "../config";
import { closeServer, createServiceServer, listen } from "../http/server";
import { createLogger } from "../log";
import type { HttpService } from "../service";
import { createUpstashService } from "./upstash-service";

/**
 * A stack with only the Upstash endpoint, for the upstash tests.
 *
 * Lighter than `stack/test/harness.ts` (whose full stack also starts Postgres, Auth and Realtime, several
 * seconds per file): it mounts the service the way `stack.ts` does and exposes the same client env. The in-memory
 * store by default; the machine's Redis when TEST_REDIS_URL is set (as `.ci/run` does).
 */
export type UpstashTestStack = {
  apiUrl: string;
  clientEnv: { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };
  redis: "memory" | "redis";
  service: HttpService;
  /** A client as an app creates it (plus options), against this stack. */
  client(options?: Partial<RedisConfigNodejs>): Redis;
  stop(): Promise<void>;
};

export async function startUpstashTestStack(options: { env?: Record<string, string> } = {}): Promise<UpstashTestStack> {
  const realRedis = process.env.TEST_REDIS_URL;
  const env = parseStackEnv({
    STACK_API_PORT: "0",
    STACK_LOG: process.env.STACK_LOG ?? "error",
    ...(realRedis ? { REDIS_URL: realRedis } : {}),
    ...options.env,
  });
  const log = createLogger(env.STACK_LOG, "upstash");
  const service = await createUpstashService({ env, log });
  const server = createServiceServer([service], log);
  await listen(server, 0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}`;
  const clientEnv = {
    UPSTASH_REDIS_REST_URL: `${apiUrl}/upstash`,
    UPSTASH_REDIS_REST_TOKEN: env.UPSTASH_REDIS_REST_TOKEN,
  };
  return {
    apiUrl,
    clientEnv,
    redis: env.REDIS_URL ? "redis" : "memory",
    service,
    client: (opts = {}) =>
      new Redis({
        url: clientEnv.UPSTASH_REDIS_REST_URL,
        token: clientEnv.UPSTASH_REDIS_REST_TOKEN,
        enableTelemetry: false,
        ...opts,
      }),
    async stop() {
      await closeServer(server);
      await service.stop();
    },
  };
}

/** A key prefix no other test (or run against the shared real Redis) uses. */
export const uniquePrefix = (label: string) => `pq-test:${label}:${randomUUID()}:`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Deletes every key under a test prefix (the real Redis is shared: never FLUSH it). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor: string | number = 0;
  do {
    const [next, keys]: [string | number, string[]] = await redis.scan(cursor, { match: `${prefix}*`, count: 500 });
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (String(cursor) !== "0");
}

/**
 * For a test file: an Upstash test stack for the whole file, a client of it and a key prefix of the file's
 * own, cleaned up afterwards. Read the fields inside tests (they are set in beforeAll).
 */
export function upstashStackForThisFile(label: string): { stack: UpstashTestStack; redis: Redis; root: string } {
  const context = {} as { stack: UpstashTestStack; redis: Redis; root: string };
  beforeAll(async () => {
    context.stack = await startUpstashTestStack();
    context.redis = context.stack.client();
    context.root = uniquePrefix(label);
  });
  afterAll(async () => {
    if (context.redis) await deletePrefix(context.redis, context.root);
    await context.stack?.stop();
  });
  return context;
}
