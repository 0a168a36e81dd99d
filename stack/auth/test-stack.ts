import { randomBytes } from "node:crypto";
import { createClient, type SupabaseClientOptions } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { Keys } from "../keys";
import { createLogger, type Logger, type LogLevel } from "../log";
import type { HttpService } from "../service";
import { NO_MIGRATIONS, dropTestDatabase, startTestStack, type TestStack } from "../test/harness";

/**
 * The full test stack (stack/test/harness.ts) with the Auth service at hand and its info logs captured in
 * `logs` (that is where magic links go). No migrations: Auth needs bootstrap.sql only.
 */
export type AuthTestStack = TestStack & {
  auth: HttpService;
  logs: { msg: string; fields?: Record<string, unknown> }[];
};

export async function startAuthTestStack(
  options: { dataDir?: string; databaseName?: string; env?: Record<string, string> } = {},
): Promise<AuthTestStack> {
  const logs: AuthTestStack["logs"] = [];
  const base = createLogger((process.env.STACK_LOG as LogLevel | undefined) ?? "error", "auth");
  const log: Logger = {
    error: (msg, fields) => base.error(msg, fields),
    debug: (msg, fields) => base.debug(msg, fields),
    info: (msg, fields) => {
      logs.push({ msg, fields });
      base.info(msg, fields);
    },
  };
  const stack = await startTestStack({ ...options, log, migrationsDir: NO_MIGRATIONS });
  const auth = stack.services.auth;
  if (!auth) throw new Error("the stack has no auth service");
  return { ...stack, auth, logs };
}

export const dropAuthTestDatabase = dropTestDatabase;

/** The official client as the app creates it (Node 20 needs `ws` for realtime); `fetch` lets a test watch requests. */
export function createAuthTestClient(
  stack: { apiUrl: string; keys: Keys },
  options: { key?: string; fetch?: typeof fetch; auth?: SupabaseClientOptions<"public">["auth"] } = {},
) {
  return createClient(stack.apiUrl, options.key ?? stack.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, ...options.auth },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    ...(options.fetch ? { global: { fetch: options.fetch } } : {}),
  });
}

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(5).toString("hex")}@example.com`;

/** A parsed JSON response body, with the fields the tests read. */
export type AuthBody = {
  code?: string;
  message?: string;
  id?: string;
  refresh_token?: string;
  user?: { id: string };
  external?: Record<string, boolean>;
  [key: string]: unknown;
};

/** A raw request to /auth/v1 with the anon key (unless `apikey: null`), for what the clients never send. */
export async function authFetch(
  stack: { apiUrl: string; keys: Keys },
  path: string,
  init: RequestInit & { apikey?: string | null; json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: AuthBody }> {
  const { apikey = stack.keys.anonKey, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (apikey !== null) headers.set("apikey", apikey);
  if (json !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(`${stack.apiUrl}/auth/v1${path}`, {
    redirect: "manual",
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await response.text();
  let body: AuthBody | undefined;
  try {
    body = text ? (JSON.parse(text) as AuthBody) : undefined;
  } catch {
    body = { message: text };
  }
  return { status: response.status, headers: response.headers, body: body as AuthBody };
}
