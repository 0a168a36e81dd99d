import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { StackEnv } from "./config";
import type { Keys } from "./keys";
import type { Logger } from "./log";
import type { Database } from "./postgres/database";

/** What every service of the stack gets. */
export type ServiceDeps = {
  env: StackEnv;
  keys: Keys;
  db: Database;
  log: Logger;
};

export type ServiceHealth = {
  status: "ok" | "degraded" | "down";
  latency_ms?: number;
  detail?: Record<string, unknown>;
};

/**
 * A service mounted under a path prefix of the stack's HTTP server. `path` is the request path with the
 * prefix removed (always starting with `/`).
 */
export type HttpService = {
  name: string;
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void>;
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, url: URL): void;
  health(): Promise<ServiceHealth>;
  stats?(): Record<string, unknown>;
  stop(): Promise<void>;
};
