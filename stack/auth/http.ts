import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { HttpError, readJson, sendEmpty, sendJson } from "../http/json";
import type { AuthRequest } from "./context";
import { API_VERSION, AuthError } from "./errors";

/** Request/response plumbing of the Auth service: CORS, JSON bodies, error bodies. */

/** Auth bodies are a few hundred bytes; 64 KB leaves room for generous user_metadata and nothing more. */
export const AUTH_BODY_LIMIT = 64 * 1024;

const ALLOWED_HEADERS = "authorization, apikey, content-type, x-client-info, x-supabase-api-version, x-retry-count";
const EXPOSED_HEADERS = "x-supabase-api-version, x-sb-error-code, x-total-count, link";

/**
 * Browsers call /auth/v1 straight from the app's origin (http://127.0.0.1:3000 → :54321). Nothing here relies
 * on cookies, so echoing the origin without credentials opens nothing that the apikey does not already gate.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    "access-control-allow-origin": origin ?? "*",
    "access-control-expose-headers": EXPOSED_HEADERS,
    ...(origin ? { vary: "Origin" } : {}),
  };
}

export function sendPreflight(r: AuthRequest): void {
  const requested = r.req.headers["access-control-request-headers"];
  sendEmpty(r.res, 204, {
    ...corsHeaders(r.req),
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": typeof requested === "string" && requested ? requested : ALLOWED_HEADERS,
    "access-control-max-age": "86400",
  });
}

export function send(r: AuthRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(r.res, status, body, { ...corsHeaders(r.req), ...headers });
}

/** Token responses must not be cached anywhere (RFC 6749 §5.1). */
export function sendTokens(r: AuthRequest, body: unknown): void {
  send(r, 200, body, { "cache-control": "no-store", pragma: "no-cache" });
}

export function sendNoContent(r: AuthRequest): void {
  sendEmpty(r.res, 204, corsHeaders(r.req));
}

export function sendAuthError(r: AuthRequest, error: AuthError): void {
  send(r, error.status, error.body, { "x-supabase-api-version": API_VERSION, "x-sb-error-code": error.code });
}

/** Maps the shared body reader's HttpErrors (invalid JSON, oversize) onto GoTrue's codes. */
export function toAuthError(error: unknown): AuthError | undefined {
  if (error instanceof AuthError) return error;
  if (error instanceof HttpError) {
    if (error.status === 413) {
      return new AuthError(413, "request_entity_too_large", `Request body too large (max ${AUTH_BODY_LIMIT} bytes)`);
    }
    if (error.status === 400)
      return new AuthError(400, "bad_json", `Could not parse request body as JSON: ${error.message}`);
  }
  return undefined;
}

/**
 * Reads a JSON object body and validates it. Wrong types are `bad_json`, as in GoTrue (whose decoder fails on
 * them); an absent body counts as `{}` only when `emptyAllowed`.
 */
export async function readParams<S extends z.ZodType>(
  r: AuthRequest,
  schema: S,
  options: { emptyAllowed?: boolean } = {},
): Promise<z.infer<S>> {
  const body = await readJson(r.req, AUTH_BODY_LIMIT);
  if (body === undefined && !options.emptyAllowed) {
    throw new AuthError(400, "bad_json", "Could not parse request body as JSON: the body is empty");
  }
  const value = body === undefined ? {} : body;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AuthError(400, "bad_json", "Could not parse request body as JSON: expected a JSON object");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `field "${issue.path.join(".")}": ` : "";
    throw new AuthError(
      400,
      "bad_json",
      `Could not parse request body as JSON: ${where}${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}
