import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, bearerToken, readBody, sendJson } from "../http/json";
import type { HttpService, ServiceDeps } from "../service";
import { BackendUnavailableError, type Backend, type Outcome } from "./backend";
import { createMemoryBackend } from "./memory/memory-backend";
import { RequestError, encodeReply, parseJsonBody, toArgv, toCommandList } from "./protocol";
import { RateMeter } from "./rate-meter";
import { createRedisBackend } from "./redis-backend";

/**
 * Upstash Redis REST API under /upstash, for @upstash/redis and @upstash/ratelimit:
 *   POST /            one command, body ["set","k","v"]          → {"result":…} (400 {"error"} if it fails)
 *   POST /pipeline    [["set","k","v"],["get","k"]]              → [{"result":…},{"error":…}] (always 200)
 *   POST /multi-exec  same body, run atomically (MULTI/EXEC)      → like /pipeline
 *   GET|POST /cmd/arg1/arg2?opt=value                            → one command (a POST body is the last arg)
 * Bearer token (or ?_token=) = UPSTASH_REDIS_REST_TOKEN. Backed by a real Redis when REDIS_URL is set,
 * else by the in-memory store.
 */

/** Upstash's maximum request size on its free and pay-as-you-go plans. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const digest = (s: string) => createHash("sha256").update(s).digest();

export async function createUpstashService(deps: Pick<ServiceDeps, "env" | "log">): Promise<HttpService> {
  const { env, log } = deps;
  const backend: Backend = env.REDIS_URL ? await createRedisBackend(env.REDIS_URL, log) : createMemoryBackend();
  const expectedToken = digest(env.UPSTASH_REDIS_REST_TOKEN);
  const meter = new RateMeter();
  let requests = 0;
  let errorResponses = 0;
  log.info("upstash endpoint ready", { backend: backend.kind });

  const authorized = (req: IncomingMessage, url: URL) => {
    const token = bearerToken(req) ?? url.searchParams.get("_token");
    return token !== null && token !== undefined && timingSafeEqual(digest(token), expectedToken);
  };

  const respond = (res: ServerResponse, status: number, body: unknown) => {
    if (status >= 400) errorResponses++;
    sendJson(res, status, body);
  };

  const outcomeJson = (outcome: Outcome, base64: boolean) =>
    "error" in outcome ? { error: outcome.error } : { result: encodeReply(outcome.result, base64) };

  async function run(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    if (path === "/" || path === "/pipeline" || path === "/multi-exec") {
      if (req.method !== "POST") {
        respond(res, 405, { error: "ERR method not allowed, use POST" });
        return;
      }
      const body = parseJsonBody(await readBody(req, MAX_REQUEST_BYTES));
      if (path === "/") {
        const argv = toArgv(body);
        meter.add(1);
        const outcome = await backend.command(argv);
        respond(res, "error" in outcome ? 400 : 200, outcomeJson(outcome, base64));
        return;
      }
      const commands = toCommandList(body);
      meter.add(commands.length);
      const outcomes = path === "/pipeline" ? await backend.pipeline(commands) : await backend.transaction(commands);
      if (!Array.isArray(outcomes)) {
        respond(res, 400, { error: outcomes.error });
        return;
      }
      respond(
        res,
        200,
        outcomes.map((o) => outcomeJson(o, base64)),
      );
      return;
    }
    // Path form: /get/key, /set/key/value?EX=100, POST /set/key with the value as body.
    if (req.method !== "GET" && req.method !== "POST") {
      respond(res, 405, { error: "ERR method not allowed" });
      return;
    }
    const argv = path.slice(1).split("/").map(decodeSegment);
    if (req.method === "POST") {
      const body = await readBody(req, MAX_REQUEST_BYTES);
      if (body.length > 0) argv.push(body.toString("utf8"));
    }
    for (const [name, value] of url.searchParams) {
      if (name === "_token") continue;
      argv.push(name);
      if (value !== "") argv.push(value);
    }
    meter.add(1);
    const outcome = await backend.command(argv);
    respond(res, "error" in outcome ? 400 : 200, outcomeJson(outcome, base64));
  }

  return {
    name: "upstash",
    prefix: "/upstash",
    async handle(req, res, path, url) {
      requests++;
      if (!authorized(req, url)) {
        req.resume();
        respond(res, 401, { error: "Unauthorized" });
        return;
      }
      try {
        await run(req, res, path, url);
      } catch (error) {
        if (error instanceof RequestError) respond(res, 400, { error: error.message });
        else if (error instanceof HttpError && error.status === 413) {
          respond(res, 413, { error: `ERR max request size exceeded (${MAX_REQUEST_BYTES} bytes)` });
        } else if (error instanceof BackendUnavailableError) {
          log.error("upstash backend unavailable", { error: error.message });
          respond(res, 503, { error: `ERR ${error.message}` });
        } else {
          log.error("upstash request failed", {
            path,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          });
          if (!res.headersSent) respond(res, 500, { error: "ERR internal error" });
          else res.destroy();
        }
      }
    },
    health: () => backend.health(),
    stats: () => ({
      backend: backend.kind,
      requests,
      error_responses: errorResponses,
      commands: meter.total,
      commands_per_sec: meter.perSecond(),
      ...backend.stats(),
    }),
    stop: () => backend.stop(),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestError("ERR malformed URL path");
  }
}
