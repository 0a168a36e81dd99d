import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@supabase/supabase-js";
import { vi } from "vitest";
import WebSocket from "ws";
import type { Stack } from "@/stack/stack";

/**
 * Runs the app's route handlers in this process against a test stack: the stack's client environment goes
 * into process.env, and module caches (env, pool, Redis client, token verifier) are dropped so the next
 * import reads it afresh.
 */
const APP_GLOBALS = [
  "__pubquizDb",
  "__pubquizHealth",
  "__pubquizMetrics",
  "__pubquizLogger",
  "__pubquizRecentAcks",
  "__pubquizVerifiedTokens",
];

export async function useAppEnv(env: Record<string, string | undefined>): Promise<void> {
  const holder = globalThis as Record<string, unknown>;
  const db = holder.__pubquizDb as { end(o: { timeout: number }): Promise<void> } | undefined;
  await db?.end({ timeout: 1 });
  for (const key of APP_GLOBALS) delete holder[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
}

export async function closeAppDb(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__pubquizDb as
    { end(o: { timeout: number }): Promise<void> } | undefined;
  await db?.end({ timeout: 1 });
}

/** A route handler's context argument. */
export function params<P extends Record<string, string>>(value: P) {
  return { params: Promise.resolve(value) };
}

export function jsonRequest(url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** An access token from the stack's Auth: a host (email) or a player (anonymous sign-in). */
export async function signIn(
  stack: Stack,
  kind: "host" | "player",
  credentials = { email: `host-${crypto.randomUUID()}@example.test`, password: "secret-12345" },
): Promise<{ token: string; userId: string }> {
  const client = createClient(stack.apiUrl, stack.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  const { data, error } =
    kind === "host" ? await client.auth.signUp(credentials) : await client.auth.signInAnonymously();
  if (error || !data.session || !data.user) throw error ?? new Error("no session");
  return { token: data.session.access_token, userId: data.user.id };
}

type PagesHandler = (
  req: import("node:http").IncomingMessage & { query: Record<string, string> },
  res: import("node:http").ServerResponse,
) => Promise<void>;

/**
 * A Pages Router API handler (the answer path) called like a route handler: the Request goes over a real
 * HTTP connection to a loopback server that runs the handler with the route's params as `req.query`.
 */
export function pagesRoute<P extends Record<string, string>>(handler: PagesHandler) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const params = await context.params;
    // As Next builds req.query: the query string, then the path's dynamic segments over it.
    const query = { ...Object.fromEntries(new URL(request.url).searchParams), ...params };
    const server = createServer((req, res) => void handler(Object.assign(req, { query }), res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = new URL(request.url);
      const response = await fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.method === "GET" ? undefined : await request.arrayBuffer(),
      });
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, headers: response.headers });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
