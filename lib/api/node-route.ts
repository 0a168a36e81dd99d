import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { CallerClaims } from "@/lib/db";
import { metrics, routeTemplate } from "@/lib/observability/metrics";
import { requestIdFrom, withRequestContext } from "@/lib/observability/request-context";
import { createSupabaseNodeClient } from "@/lib/supabase/node-request";
import { AppError } from "./errors";
import {
  callerFromAuthorization,
  callerFromCookieSession,
  checkJsonHeaders,
  errorResponseParts,
  NO_STORE,
  noSession,
  parseJsonText,
  tooLarge,
} from "./edge";

/**
 * apiRoute (lib/api/route.ts) for a Pages Router API route: the same identity, zod parsing, error mapping,
 * request context and metrics, on Node's own request and response. The answer path and the snapshot (every
 * phone's request after a reconnect) use it because an App Router route handler wraps every request and
 * response in Web streams, which costs more CPU than the rest of the request (ARCHITECTURE.md, "The flow of
 * an answer"); a room answering, or resyncing, at once is bounded by that CPU.
 *
 * One method per route. Identity: the bearer token; with `cookies: true`, else the host's cookie session.
 * `params` parses Next's `req.query`: the path's dynamic segments (which win over a query parameter of the
 * same name) and the query string.
 */
type NodeRequest = IncomingMessage & { query: Partial<Record<string, string | string[]>> };

type Handler<B, P> = (input: {
  req: NodeRequest;
  caller: CallerClaims;
  body: B;
  params: P;
  requestId: string;
}) => Promise<unknown>;

type Options<S, Q> =
  | { method: "POST"; body: S; maxBodyBytes: number; params: Q; cookies?: boolean }
  | { method: "GET"; params: Q; cookies?: boolean };

export function nodeApiRoute<S extends z.ZodType, Q extends z.ZodType>(
  options: Options<S, Q>,
  handler: Handler<z.infer<S>, z.infer<Q>>,
): (req: NodeRequest, res: ServerResponse) => Promise<void> {
  return (req, res) => {
    const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
    return withRequestContext({ requestId }, async () => {
      const url = req.url ?? "/";
      const stop = metrics().httpDuration.startTimer({ route: routeTemplate(url.split("?")[0]!), method: req.method });
      const { status, body, headers } = await handle(req, res, requestId);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
      stop({ status: String(status) });
    });
  };

  async function handle(req: NodeRequest, res: ServerResponse, requestId: string) {
    try {
      if (req.method !== options.method)
        throw new AppError("method_not_allowed", `Use ${options.method}, not ${req.method}.`, {
          allow: options.method,
        });
      const caller = await identify(req, res);
      let body: unknown;
      if (options.method === "POST") {
        checkJsonHeaders(req.headers["content-type"], req.headers["content-length"], options.maxBodyBytes);
        body = options.body.parse(parseJsonText(await readText(req, options.maxBodyBytes), options.maxBodyBytes));
      }
      const params = options.params.parse(req.query);
      const result = await handler({ req, caller, body: body as z.infer<S>, params, requestId });
      return { status: 200, body: result ?? { ok: true }, headers: { "x-request-id": requestId, ...NO_STORE } };
    } catch (error) {
      return errorResponseParts(error, req.url ?? "/", requestId);
    }
  }

  async function identify(req: NodeRequest, res: ServerResponse): Promise<CallerClaims> {
    const authorization = req.headers.authorization;
    if (authorization) return callerFromAuthorization(authorization);
    const caller = options.cookies ? await callerFromCookieSession(createSupabaseNodeClient(req, res)) : null;
    if (!caller) throw noSession();
    return caller;
  }
}

/** The body as text, refused as soon as it passes `limit` bytes (a missing or false Content-Length included). */
async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
