import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callerClaimsSchema, type CallerClaims } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { routeTemplate } from "@/lib/observability/metrics";
import { verifyAccessToken } from "@/lib/server/verify-token";
import { AppError, toErrorResponse, type ErrorBody } from "./errors";

/**
 * What every API entry point does the same way, whichever of Next.js's two handler shapes it is written in
 * (lib/api/route.ts for App Router route handlers, lib/api/node-route.ts for the answer and snapshot): a bearer
 * token or the host's cookie session to claims, the JSON body's checks, and an error to a status, a JSON body
 * and a log line.
 */

export const NO_STORE = { "cache-control": "no-store" } as const;

/** The 401 of a request that carries no token and no session at all. */
export function noSession(): AppError {
  return new AppError("unauthorized", "Sign in first: this request carries no valid session.");
}

/** `Authorization: Bearer <access token>`, verified locally against the JWKS; a bad or expired one is a 401. */
export async function callerFromAuthorization(header: string): Promise<CallerClaims> {
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  const claims = token ? await verifyAccessToken(token) : null;
  if (!claims) throw new AppError("unauthorized", "The access token is invalid or has expired.");
  return claims;
}

/** The host's cookie session as the caller, from `getClaims()` (verified locally), or null when there is none. */
export async function callerFromCookieSession(supabase: SupabaseClient): Promise<CallerClaims | null> {
  const { data } = await supabase.auth.getClaims();
  const parsed = callerClaimsSchema.safeParse(data?.claims);
  return parsed.success && parsed.data.sub ? parsed.data : null;
}

/** Refuses a body that is not JSON or declares more than `limit` bytes, before reading it. */
export function checkJsonHeaders(
  contentType: string | null | undefined,
  contentLength: string | null | undefined,
  limit: number,
) {
  if (!(contentType ?? "").toLowerCase().startsWith("application/json"))
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  if (Number(contentLength ?? 0) > limit) throw tooLarge(limit);
}

export function parseJsonText(text: string, limit: number): unknown {
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The body may be at most ${limit} bytes.`);
}

/** The response for anything a handler threw; unexpected errors are logged (never echoed to the caller). */
export function errorResponseParts(
  error: unknown,
  url: string,
  requestId: string,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const { status, body, headers, isUnexpected } = toErrorResponse(error);
  if (isUnexpected)
    logger().error(
      { path: routeTemplate(new URL(url, "http://app.invalid").pathname), err: describeError(error) },
      "unexpected error in a route handler",
    );
  return { status, body, headers: { ...headers, "x-request-id": requestId, ...NO_STORE } };
}

// Name, message, code and stack only: a driver error's other fields (query parameters) may hold user input.
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code, stack: error.stack };
}
