import "server-only";
import { z } from "zod";
import type { CallerClaims } from "@/lib/db";
import { createSupabaseServerClient } from "@/lib/supabase/server";
import { metrics, routeTemplate } from "@/lib/observability/metrics";
import { requestIdFrom, withRequestContext } from "@/lib/observability/request-context";
import {
  callerFromAuthorization,
  callerFromCookieSession,
  checkJsonHeaders,
  errorResponseParts,
  NO_STORE,
  noSession,
  parseJsonText,
} from "./edge";

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
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
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
      if (!caller && options.auth !== "optional" && options.auth !== "none") throw noSession();
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
        headers: { "x-request-id": requestId, ...NO_STORE },
      });
    } catch (error) {
      const { status, body, headers } = errorResponseParts(error, req.url, requestId);
      return Response.json(body, { status, headers });
    }
  }
}

async function identify(req: Request): Promise<CallerClaims | null> {
  const header = req.headers.get("authorization");
  if (header) return callerFromAuthorization(header);
  return callerFromCookieSession(await createSupabaseServerClient());
}

async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  checkJsonHeaders(req.headers.get("content-type"), req.headers.get("content-length"), limit);
  return parseJsonText(await req.text(), limit);
}
