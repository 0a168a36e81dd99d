import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, bearerToken, readBody, sendEmpty, sendJson } from "../http/json";
import type { VerifiedClaims } from "../keys";
import type { RealtimeCore } from "./core";
import { flexibleBoolean } from "./join-config";
import { deliverHttpMessage, deliverHttpSingle } from "./fan-out";

/**
 * Realtime's HTTP broadcast endpoints (reference A.12): the only way PubQuiz's server sends events.
 *
 *   POST /api/broadcast                          {"messages":[{topic, event, payload, private?, id?}]} → 202
 *   POST /api/broadcast/:topic/events/:event     raw JSON or octet-stream payload, ?private=true   → 202
 *
 * Auth is `Authorization: Bearer`, else the `apikey` header (or query, which supabase-js also sends).
 * The service_role key may send anywhere; other tokens need the INSERT policy of realtime.messages for
 * private topics (batch: silently dropped; single: 403), as on Supabase.
 */

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type, x-supabase-api-version",
  "access-control-max-age": "86400",
};

const SINGLE_ROUTE = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/;

export type LocalBroadcast = { topic: string; event: string; payload: unknown; private?: boolean; id?: string };

export function createHttpBroadcast(core: RealtimeCore) {
  /** Sends one message from inside the process (no HTTP, no auth); returns how many sockets got it. */
  function broadcastLocal(message: LocalBroadcast): number {
    const space = core.registry.find(message.topic, message.private === true);
    core.stats.httpBroadcasts++;
    if (!space) return 0;
    return deliverHttpMessage(core, space, message.event, JSON.stringify(message.payload ?? {}), message.id);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      const single = SINGLE_ROUTE.exec(path);
      if (path !== "/api/broadcast" && path !== "/api/broadcast/" && !single) {
        throw new HttpError(404, { message: "Not found" });
      }
      if (req.method === "OPTIONS") {
        sendEmpty(res, 204, CORS_HEADERS);
        return;
      }
      if (req.method !== "POST")
        throw new HttpError(405, { message: "Method not allowed" }, { allow: "POST, OPTIONS" });
      const claims = await authenticate(req, url);
      if (single) await handleSingle(req, url, claims, decode(single[1]!), decode(single[2]!));
      else await handleBatch(req, claims);
      sendEmpty(res, 202, CORS_HEADERS);
      // The app forwards its request id, so this line joins the app's log of the same request.
      core.log.debug("http broadcast", { requestId: req.headers["x-request-id"] });
    } catch (error) {
      req.resume();
      if (error instanceof HttpError) {
        sendJson(res, error.status, error.body, { ...CORS_HEADERS, ...error.headers });
        return;
      }
      core.log.error("realtime http broadcast failed", {
        error: String(error),
        requestId: req.headers["x-request-id"],
      });
      sendJson(res, 500, { message: "Internal error" }, CORS_HEADERS);
    }
  }

  async function authenticate(req: IncomingMessage, url: URL): Promise<VerifiedClaims> {
    const header = req.headers.apikey;
    const token = bearerToken(req) ?? (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey");
    if (!token) throw new HttpError(401, { message: "Unauthorized" });
    const check = await core.tokens.check(token);
    if (!check.ok) throw new HttpError(401, { message: "Unauthorized" });
    return check.claims;
  }

  async function canWrite(claims: VerifiedClaims, topic: string): Promise<boolean> {
    if (claims.role === "service_role") return true;
    return (await core.rls.write({ topic, claims })).broadcast;
  }

  async function handleBatch(req: IncomingMessage, claims: VerifiedClaims): Promise<void> {
    const body = parseJson(await readBody(req, core.options.maxHttpBodyBytes));
    const messages = validateBatch(body);
    const allowed = new Map<string, boolean>();
    for (const m of messages) {
      core.stats.httpBroadcasts++;
      if (m.private) {
        let ok = allowed.get(m.topic);
        if (ok === undefined) {
          ok = await canWrite(claims, m.topic);
          allowed.set(m.topic, ok);
        }
        // Supabase drops private messages the caller may not write, and still answers 202.
        if (!ok) continue;
      }
      const space = core.registry.find(m.topic, m.private);
      // Serialized once here; the fan-out writes the same bytes to every subscriber.
      if (space) deliverHttpMessage(core, space, m.event, JSON.stringify(m.payload), m.id);
    }
  }

  async function handleSingle(req: IncomingMessage, url: URL, claims: VerifiedClaims, topic: string, event: string) {
    const isPrivate = flexibleBoolean(url.searchParams.get("private"));
    const type = (req.headers["content-type"] ?? "application/json").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json" && type !== "application/octet-stream") {
      throw new HttpError(415, { message: "Unsupported media type: use application/json or application/octet-stream" });
    }
    const raw = await readBody(req, core.options.maxHttpBodyBytes);
    let data: Buffer;
    const json = type === "application/json";
    if (json) {
      // Like Plug's JSON parser, an empty body is an empty object.
      const payload = raw.length === 0 ? {} : parseJson(raw);
      if (payload === null) throw new HttpError(422, { errors: { payload: ["can't be blank"] } });
      data = Buffer.from(JSON.stringify(payload), "utf8");
    } else {
      data = raw;
    }
    if (!topic || !event) throw new HttpError(422, { errors: { topic: ["can't be blank"] } });
    if (isPrivate && !(await canWrite(claims, topic))) throw new HttpError(403, { message: "Unauthorized" });
    core.stats.httpBroadcasts++;
    const space = core.registry.find(topic, isPrivate);
    if (space) deliverHttpSingle(core, space, event, json, data);
  }

  return { handle, broadcastLocal };
}

type BatchMessage = { topic: string; event: string; payload: Record<string, unknown>; private: boolean; id?: string };

/** Validates like Supabase's changeset; errors come back as 422 `{"errors": {...}}` per message. */
function validateBatch(body: unknown): BatchMessage[] {
  const list = isRecord(body) ? body.messages : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new HttpError(422, { errors: { messages: ["can't be blank"] } });
  const out: BatchMessage[] = [];
  const errors: Array<Record<string, string[]>> = [];
  let invalid = false;
  for (const item of list) {
    const e: Record<string, string[]> = {};
    const m = isRecord(item) ? item : {};
    if (!isRecord(item)) e.message = ["is invalid"];
    if (typeof m.topic !== "string" || m.topic === "") e.topic = ["can't be blank"];
    if (typeof m.event !== "string" || m.event === "") e.event = ["can't be blank"];
    if (!isRecord(m.payload))
      e.payload = [m.payload === undefined || m.payload === null ? "can't be blank" : "is invalid"];
    if (
      m.private !== undefined &&
      m.private !== null &&
      typeof m.private !== "boolean" &&
      !(typeof m.private === "string" && /^(true|false)$/i.test(m.private))
    ) {
      e.private = ["is invalid"];
    }
    if (m.id !== undefined && m.id !== null && typeof m.id !== "string") e.id = ["is invalid"];
    errors.push(e);
    if (Object.keys(e).length > 0) {
      invalid = true;
      continue;
    }
    out.push({
      topic: m.topic as string,
      event: m.event as string,
      payload: m.payload as Record<string, unknown>,
      private: flexibleBoolean(m.private),
      id: typeof m.id === "string" ? m.id : undefined,
    });
  }
  if (invalid) throw new HttpError(422, { errors: { messages: errors } });
  return out;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new HttpError(400, { message: "Request body is not valid JSON" });
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, { message: "Invalid URL encoding" });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
