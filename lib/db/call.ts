import type { z } from "zod";
import { GameError, isGameErrorCode } from "@/lib/game/errors";
import type { Tx } from "./client";
import { retryOnDeadConnection } from "./dead-connection";

type PgErrorLike = { code?: unknown; message?: unknown; detail?: unknown };

// Text Postgres cannot store: U+0000 in a text parameter (22021) or in jsonb (22P05). It is the client's
// input at fault, and the statement did nothing, so it is a 400 like any other invalid input.
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/**
 * A game rule error raised by the database (P0001 + a known code), or input Postgres cannot store, as a
 * GameError; otherwise undefined.
 */
export function toGameError(error: unknown): GameError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, detail } = error as PgErrorLike;
  if (typeof code === "string" && UNSTORABLE_TEXT.has(code))
    return new GameError("invalid_input", "Text may not contain the NUL character (U+0000).");
  if (code !== "P0001" || !isGameErrorCode(message)) return undefined;
  return new GameError(message, typeof detail === "string" && detail !== "" ? detail : message);
}

/** Watches every game.* call (the app installs its metrics here; lib/db itself stays free of them). */
export type GameCallObserver = (fn: string) => (outcome: "ok" | "rule" | "error") => void;
let observer: GameCallObserver | undefined;

export function observeGameCalls(next: GameCallObserver | undefined): void {
  observer = next;
}

type Rows = readonly { result: unknown }[];

// The latest replies of the database to this process's game.* calls, with how long each took: how the answer
// batcher tells a database that is busy (everything is slow) from one connection that is wedged (the rest is
// fast). On globalThis because the answer route's Pages Router bundle and the App Router's bundle each hold a
// copy of this module.
type Reply = { at: number; ms: number };
const replies = globalThis as typeof globalThis & { __pubquizDbReplies?: Reply[] };
const REPLIES_KEPT = 64;

function noteReply(startedAt: number) {
  const now = performance.now();
  const kept = (replies.__pubquizDbReplies ??= []);
  kept.push({ at: now, ms: now - startedAt });
  if (kept.length > REPLIES_KEPT) kept.shift();
}

/** Whether, within the last `withinMs`, the database took at least `slowMs` to answer a game.* call. */
export function databaseWasSlow(withinMs: number, slowMs: number): boolean {
  const now = performance.now();
  return (replies.__pubquizDbReplies ?? []).some((reply) => now - reply.at < withinMs && reply.ms >= slowMs);
}

/**
 * Runs `select game.<fn>(…) as result`, turns rule errors into GameError and parses the jsonb result.
 * Anything else (connection loss, bugs) is rethrown untouched for the edge to log as a 500. Given the query
 * as a function, a statement that met a dead connection is sent again when that is safe (see
 * dead-connection.ts: always if it provably did not run, and for `idempotent` calls also if it may have).
 */
export async function callGame<S extends z.ZodType>(
  schema: S,
  query: Promise<Rows> | (() => Promise<Rows>),
  options: { idempotent: boolean } = { idempotent: false },
): Promise<z.infer<S>> {
  const startedAt = performance.now();
  const first = typeof query === "function" ? query() : query;
  let attempts = 0;
  const attempt = () => (attempts++ === 0 ? first : (query as () => Promise<Rows>)());
  let rows: Rows;
  const done = observer?.(gameFunctionName(first));
  try {
    rows = await (typeof query === "function" ? retryOnDeadConnection(attempt, options) : first);
  } catch (error) {
    const ruleError = toGameError(error);
    if (ruleError) noteReply(startedAt);
    done?.(ruleError ? "rule" : "error");
    throw ruleError ?? error;
  }
  noteReply(startedAt);
  done?.("ok");
  return schema.parse(rows[0]?.result);
}

// postgres.js keeps a tagged query's template strings and its fragments' (the one-round-trip calls pass
// `game.submit_answer(…)` as a fragment, whose name may itself be a fragment): the first `game.<fn>` among
// them names the call.
function gameFunctionName(query: unknown): string {
  return /game\.(\w+)/.exec(templateText(query, 3))?.[1] ?? "unknown";
}

function templateText(query: unknown, depth: number): string {
  const { strings, args } = (query ?? {}) as { strings?: readonly string[]; args?: readonly unknown[] };
  const nested = depth > 0 ? (args ?? []).map((arg) => templateText(arg, depth - 1)) : [];
  return [...(strings ?? []), ...nested].join(" ");
}

export type { Tx };
