import type { z } from "zod";
import { GameError, isGameErrorCode } from "@/lib/game/errors";
import type { Tx } from "./client";

type PgErrorLike = { code?: unknown; message?: unknown; detail?: unknown };

/** A game rule error raised by the database (P0001 + a known code), as a GameError; otherwise undefined. */
export function toGameError(error: unknown): GameError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, detail } = error as PgErrorLike;
  if (code !== "P0001" || !isGameErrorCode(message)) return undefined;
  return new GameError(message, typeof detail === "string" && detail !== "" ? detail : message);
}

/**
 * Runs `select game.<fn>(…) as result`, turns rule errors into GameError and parses the jsonb result.
 * Anything else (connection loss, bugs) is rethrown untouched for the edge to log as a 500.
 */
export async function callGame<S extends z.ZodType>(
  schema: S,
  query: Promise<readonly { result: unknown }[]>,
): Promise<z.infer<S>> {
  let rows: readonly { result: unknown }[];
  try {
    rows = await query;
  } catch (error) {
    throw toGameError(error) ?? error;
  }
  return schema.parse(rows[0]?.result);
}

export type { Tx };
