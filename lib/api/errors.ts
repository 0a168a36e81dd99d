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
  unsupported_media_type: 415,
  rate_limited: 429,
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
  return {
    status: 500,
    body: { error: { code: "internal", message: "Something went wrong on our side." } },
    headers: {},
    isUnexpected: true,
  };
}
