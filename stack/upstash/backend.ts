import type { ServiceHealth } from "../service";

/**
 * What the REST layer needs from a Redis: the in-memory store (default) or a real Redis (REDIS_URL).
 * Commands arrive as argv string arrays, name first, exactly as the client sent them.
 */

/** A reply: integers, bulk/status strings (Buffers from a real Redis keep binary data intact), nil, arrays. */
export type Reply = null | number | string | Buffer | Reply[];
export type Outcome = { result: Reply } | { error: string };

export type Backend = {
  readonly kind: "memory" | "redis";
  /** One command. */
  command(argv: string[]): Promise<Outcome>;
  /** Several commands in order; each gets its own outcome. */
  pipeline(commands: string[][]): Promise<Outcome[]>;
  /** Several commands atomically (MULTI/EXEC); an `{error}` alone if the transaction was discarded. */
  transaction(commands: string[][]): Promise<Outcome[] | { error: string }>;
  health(): Promise<ServiceHealth>;
  stats(): Record<string, unknown>;
  stop(): Promise<void>;
};

/** Thrown for failures of the backend itself (e.g. Redis unreachable), as opposed to command errors. */
export class BackendUnavailableError extends Error {
  override name = "BackendUnavailableError";
}
