import { createServerClient } from "@supabase/ssr";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import postgres from "postgres";
import WebSocket from "ws";
import { ANON_KEY, E2E_API_URL, E2E_DB_URL, QUIZ } from "../support/live-game";

/**
 * Fixtures for the hostile-input suites: real users signed up through the stack's Auth, games created by
 * their hosts through the game.* functions, the app's API driven over HTTP like the browser clients do, and
 * a superuser view of the database to count rows before and after an attack.
 */
export const transport = { transport: WebSocket as unknown as typeof globalThis.WebSocket };

export function supabaseClient(): SupabaseClient {
  return createClient(E2E_API_URL, ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: transport,
  });
}

export type User = { token: string; id: string; client: SupabaseClient };

export async function signUpHost(): Promise<User & { email: string; password: string }> {
  const client = supabaseClient();
  const email = `sec-${randomUUID()}@example.com`;
  const password = "correct horse battery";
  const { data, error } = await client.auth.signUp({ email, password });
  if (error || !data.session) throw error ?? new Error("no session after sign-up");
  return { token: data.session.access_token, id: data.session.user.id, client, email, password };
}

export async function anonymousUser(): Promise<User> {
  const client = supabaseClient();
  const { data, error } = await client.auth.signInAnonymously();
  if (error || !data.session) throw error ?? new Error("anonymous sign-in failed");
  return { token: data.session.access_token, id: data.session.user.id, client };
}

/** The auth cookies @supabase/ssr sets for a password sign-in, as one Cookie header (for pages and actions). */
export async function hostCookie(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const ssr = createServerClient(E2E_API_URL, ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) jar.set(name, value);
      },
    },
    realtime: transport,
  });
  const { error } = await ssr.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export const db = postgres(E2E_DB_URL, { max: 3, prepare: false, onnotice: () => {} });

/** Rows in every table the app writes: an attack that was refused must leave these unchanged. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = [
    "quizzes",
    "rounds",
    "questions",
    "question_keys",
    "sessions",
    "teams",
    "participants",
    "screens",
    "answers",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.unsafe<{ n: number }[]>(`select count(*)::int as n from public.${table}`);
    counts[table] = row!.n;
  }
  return counts;
}

export type Game = {
  host: User & { email: string; password: string };
  sessionId: string;
  pin: string;
  quizId: string;
  questionIds: string[];
};

/** A host with a quiz of `questions` single-choice questions and a session of it in the lobby. */
export async function createGame(options: { questions?: number; host?: Game["host"] } = {}): Promise<Game> {
  const host = options.host ?? (await signUpHost());
  const count = options.questions ?? QUIZ.questions.length;
  const questions = Array.from({ length: count }, (_, i) => ({
    ...QUIZ.questions[0]!,
    prompt: `Question ${i + 1}: red planet?`,
    time_limit_s: 60,
  }));
  const claims = { role: "authenticated", sub: host.id, aud: "authenticated" };
  const result = await db.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
    const [quiz] = await tx`select game.create_quiz(${JSON.stringify({ ...QUIZ, questions })}::text::jsonb) as result`;
    const [created] = await tx`select game.create_session(${quiz!.result as string}::uuid, false, true) as result`;
    return {
      quizId: quiz!.result as string,
      session: (created!.result as { session: { id: string; pin: string } }).session,
    };
  });
  const rows = await db<
    { id: string }[]
  >`select id from public.questions where quiz_id = ${result.quizId} order by position`;
  return {
    host,
    sessionId: result.session.id,
    pin: result.session.pin,
    quizId: result.quizId,
    questionIds: rows.map((r) => r.id),
  };
}

/** A simulated client address: the security server trusts the last x-forwarded-for hop (TRUSTED_PROXY=last-hop). */
export const fromAddress = (address: string) => ({ "x-forwarded-for": address });

export type Reply = { status: number; body: unknown; ms: number; headers: Headers };

/** One HTTP call to the app; the body is sent exactly as given when it is a string. */
export async function call(
  baseURL: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; address?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {
    ...(options.body !== undefined && typeof options.body !== "string" ? { "content-type": "application/json" } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...fromAddress(options.address ?? "192.0.2.1"),
    ...options.headers,
  };
  const started = performance.now();
  const response = await fetch(`${baseURL}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
    redirect: "manual",
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text so a test can say what came back.
  }
  return { status: response.status, body, ms, headers: response.headers };
}

/** Whether a reply is the app's error shape: `{ error: { code, message } }` with non-empty strings. */
export function isErrorBody(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return (
    typeof error?.code === "string" &&
    error.code.length > 0 &&
    typeof error.message === "string" &&
    error.message.length > 0
  );
}

/** Figures for the README: each suite merges its own into test-results/security-figures.json. */
export function recordFigures(section: string, figures: Record<string, unknown>): void {
  mkdirSync("test-results", { recursive: true });
  const file = "test-results/security-figures.json";
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  all[section] = figures;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`[security] ${section}: ${JSON.stringify(figures)}`);
}

/** Adds counts to a section's figures (numbers are summed, nested objects merged), e.g. over several tests. */
export function addFigures(section: string, figures: Record<string, unknown>): void {
  const file = "test-results/security-figures.json";
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const sum = (a: unknown, b: unknown): unknown => {
    if (typeof b === "number") return (typeof a === "number" ? a : 0) + b;
    if (b && typeof b === "object") {
      const out: Record<string, unknown> = { ...((a as Record<string, unknown>) ?? {}) };
      for (const [k, v] of Object.entries(b)) out[k] = sum(out[k], v);
      return out;
    }
    return b;
  };
  recordFigures(section, sum(all[section], figures) as Record<string, unknown>);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}
