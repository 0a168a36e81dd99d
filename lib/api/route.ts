import "server-only";
import { z } from "zod";
import type { CallerClaims } from "@/lib/db";
import { createSupabaseServerClient } from "@/lib/supabase/server";
import { verifyAccessToken } from "@/lib/server/verify-token";
import { callerClaimsSchema } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { metrics, routeTemplate } from "@/lib/observability/metrics";
import { requestIdFrom, withRequestContext } from "@/lib/observability/request-context";
import { AppError, toErrorResponse } from "./errors";

/**
 * The one wrapper every route handler goes through: identity, body parsing with zod, error mapping. A
 * handler is then a few lines: call one use-case, return its result as JSON.
 *
 * Identity: `Authorization: Bearer <access token>` (what the browser clients send; verified locally against
 * the JWKS), else the host's cookie session. Never `getSession().user`. `auth: "none"` skips identity
 * altogether (health and metrics, which must not depend on Auth).
 *
 * Observability: every request runs in a request context (its `x-request-id`, or a new one), so log lines
 * written below — database, broadcast — carry the id; its duration is recorded by route template and status.
 */
type RouteContext<P> = { params: Promise<P> };

type Handler<B, P> = (input: {
  req: Request;
  caller: CallerClaims;
  body: B;
  params: P;
  requestId: string;
}) => Promise<unknown>;

export function apiRoute<S extends z.ZodType, P extends Record<string, string> = Record<string, string>>(
  options: { body?: S; maxBodyBytes?: number; auth?: "required" | "optional" | "none" },
  handler: Handler<z.infer<S>, P>,
): (req: Request, context: RouteContext<P>) => Promise<Response> {
  return (req, context) => {
    const requestId = requestIdFrom(req);
    return withRequestContext({ requestId }, async () => {
      const stop = metrics().httpDuration.startTimer({
        route: routeTemplate(new URL(req.url).pathname),
        method: req.method,
      });
      const response = await handle(req, context, requestId);
      stop({ status: String(response.status) });
      return response;
    });
  };

  async function handle(req: Request, context: RouteContext<P>, requestId: string): Promise<Response> {
    try {
      const caller = options.auth === "none" ? null : await identify(req);
      if (!caller && options.auth !== "optional" && options.auth !== "none")
        throw new AppError("unauthorized", "Sign in first: this request carries no valid session.");
      const body = options.body
        ? options.body.parse(await readJsonBody(req, options.maxBodyBytes ?? 64 * 1024))
        : undefined;
      const params = await context.params;
      const result = await handler({
        req,
        caller: caller ?? { role: "anon" },
        body: body as z.infer<S>,
        params,
        requestId,
      });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true }, {
        headers: { "x-request-id": requestId, "cache-control": "no-store" },
      });
    } catch (error) {
      const { status, body, headers, isUnexpected } = toErrorResponse(error);
      if (isUnexpected)
        logger().error(
          { path: routeTemplate(new URL(req.url).pathname), err: describeError(error) },
          "unexpected error in a route handler",
        );
      return Response.json(body, {
        status,
        headers: { ...headers, "x-request-id": requestId, "cache-control": "no-store" },
      });
    }
  }
}

async function identify(req: Request): Promise<CallerClaims | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const claims = token ? await verifyAccessToken(token) : null;
    if (!claims) throw new AppError("unauthorized", "The access token is invalid or has expired.");
    return claims;
  }
  const supabase = await createSupabaseServerClient();
  const { data } = await supabase.auth.getClaims();
  const parsed = callerClaimsSchema.safeParse(data?.claims);
  return parsed.success && parsed.data.sub ? parsed.data : null;
}

async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw new AppError("payload_too_large", `The body may be at most ${limit} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > limit)
    throw new AppError("payload_too_large", `The body may be at most ${limit} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

// Name, message, code and stack only: a driver error's other fields (query parameters) may hold user input.
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code, stack: error.stack };
}
