/**
 * Statements that met a dead connection. After a database restart or failover every idle pooled connection
 * fails its next statement (postgres.js hands the termination, or the closed socket, to the next query), so
 * retrying turns that into nothing the user sees. One retry is not enough: when a whole pool died at once,
 * the retry can be handed another dead connection, and so on, once per connection. So a statement is retried
 * until it meets a live one, up to more attempts than any pool here has connections.
 *
 * Some errors prove the statement did not run: the connection was never made (refused, timed out) or its
 * backend was terminated, which rolls back whatever it was doing. Those are retried for any statement. A
 * connection lost with the statement in flight (CONNECTION_CLOSED, ECONNRESET, EPIPE) may have committed it,
 * so only idempotent statements are retried then (an answer keyed by its id, a join, a read).
 */
const NOT_EXECUTED = new Set(["57P01", "57P02", "57P03", "08001", "08004", "CONNECT_TIMEOUT", "ECONNREFUSED"]);
const LOST_IN_FLIGHT = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNRESET",
  "EPIPE",
]);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

export function wasNotExecuted(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === "string" && NOT_EXECUTED.has(code);
}

function isRetryable(error: unknown, idempotent: boolean): boolean {
  const code = codeOf(error);
  return wasNotExecuted(error) || (idempotent && typeof code === "string" && LOST_IN_FLIGHT.has(code));
}

/** Above the app's pool sizes (DATABASE_POOL_SIZE, 10 by default): each failed attempt uses up one dead connection. */
export const MAX_ATTEMPTS = 16;
const PAUSE_MS = 50;

/**
 * Runs `attempt`, and again (after a moment) for as long as it meets a dead connection that makes a retry
 * safe, up to MAX_ATTEMPTS in all. A server that stays down fails the request within about a second.
 */
export async function retryOnDeadConnection<T>(
  attempt: () => Promise<T>,
  options: { idempotent: boolean } = { idempotent: false },
): Promise<T> {
  for (let attempts = 1; ; attempts += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (attempts >= MAX_ATTEMPTS || !isRetryable(error, options.idempotent)) throw error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
}
