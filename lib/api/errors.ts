import { z } from "zod";
import { GameError, type GameErrorCode } from "@/lib/game/errors";

/**
 * The app's one error type for the edge: a closed set of codes, each with its HTTP status. Game rules raise
 * GameError (lib/game/errors.ts); the edge adds the few codes that are about the request itself.
 */
const APP_ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = APP_ERROR_STATUS[code];
  }
}

export type ErrorBody = { error: { code: AppErrorCode | GameErrorCode | "internal"; message: string; field?: string } };

/** Maps anything thrown below the edge to a status and a JSON body; unknown errors are never echoed. */
export function toErrorResponse(error: unknown): {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  isUnexpected: boolean;
} {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      headers: error.headers,
      isUnexpected: false,
    };
  }
  if (error instanceof GameError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      headers: {},
      isUnexpected: false,
    };
  }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join(".") || undefined;
    const message = field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input");
    return { status: 400, body: { error: { code: "bad_request", message, field } }, headers: {}, isUnexpected: false };
  }
  if (isConnectionLoss(error)) {
    // The database connection died mid-request (restart, failover, killed backend): the pool reconnects on
    // the next query, so say "try again" — clients retry 5xx with the same ids, and writes are idempotent.
    return {
      status: 503,
      body: { error: { code: "unavailable", message: "The database connection was interrupted. Try again." } },
      headers: { "retry-after": "1" },
      isUnexpected: true,
    };
  }
  return {
    status: 500,
    body: { error: { code: "internal", message: "Something went wrong on our side." } },
    headers: {},
    isUnexpected: true,
  };
}

// postgres.js connection errors, Node socket errors, and Postgres' "the server is going away" SQLSTATEs.
const CONNECTION_LOSS_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "DB_TIMEOUT", // a statement given up by the app (lib/db/answer-batcher.ts)
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "57P01", // admin_shutdown (pg_terminate_backend, server restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/** The request failed because the database connection was lost, not because of the request. */
export function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (CONNECTION_LOSS_CODES.has(code) || code.startsWith("08"));
}
