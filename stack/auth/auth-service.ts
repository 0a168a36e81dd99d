import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpService, ServiceDeps, ServiceHealth } from "../service";
import { checkApiKey } from "./api-key";
import { clientIp, newStats, requestOrigin, type AuthRequest, type AuthState } from "./context";
import { AuthError } from "./errors";
import { sendAuthError, sendPreflight, toAuthError } from "./http";
import { createRateLimiter } from "./rate-limit";
import * as admin from "./routes/admin";
import { logout } from "./routes/logout";
import * as meta from "./routes/meta";
import { generateLink, otp } from "./routes/otp";
import { signup } from "./routes/signup";
import { token } from "./routes/token";
import { getUser, updateCurrentUser } from "./routes/user";
import { verifyGet, verifyPost } from "./routes/verify";

/**
 * The local stack's Auth: GoTrue's HTTP API under /auth/v1, on GoTrue's tables in the stack's Postgres, so
 * supabase-js and @supabase/ssr work unmodified. Routes live in ./routes, grouped like GoTrue's handler files.
 */

type Route = {
  method: string;
  path: RegExp;
  handler: (r: AuthRequest) => Promise<void> | void;
  /** Reachable without an apikey, as Supabase's gateway leaves them (a browser follows the link). */
  open?: boolean;
};

const USER_ID = "([^/]+)";

const ROUTES: Route[] = [
  { method: "POST", path: /^\/signup$/, handler: signup },
  { method: "POST", path: /^\/token$/, handler: token },
  { method: "GET", path: /^\/user$/, handler: getUser },
  { method: "PUT", path: /^\/user$/, handler: updateCurrentUser },
  { method: "POST", path: /^\/logout$/, handler: logout },
  { method: "POST", path: /^\/otp$/, handler: otp },
  { method: "POST", path: /^\/magiclink$/, handler: otp },
  { method: "GET", path: /^\/verify$/, handler: verifyGet, open: true },
  { method: "POST", path: /^\/verify$/, handler: verifyPost },
  { method: "GET", path: /^\/settings$/, handler: meta.settings },
  { method: "GET", path: /^\/health$/, handler: meta.health },
  { method: "GET", path: /^\/\.well-known\/jwks\.json$/, handler: meta.jwks, open: true },
  { method: "GET", path: /^\/admin\/users$/, handler: admin.listUsers },
  { method: "POST", path: /^\/admin\/users$/, handler: admin.createUser },
  { method: "GET", path: new RegExp(`^/admin/users/${USER_ID}$`), handler: admin.getUserById },
  { method: "PUT", path: new RegExp(`^/admin/users/${USER_ID}$`), handler: admin.updateUserById },
  { method: "DELETE", path: new RegExp(`^/admin/users/${USER_ID}$`), handler: admin.deleteUserById },
  { method: "POST", path: /^\/admin\/generate_link$/, handler: generateLink },
];

const HOUR = 3_600_000;

export function createAuthService(deps: ServiceDeps): HttpService {
  const sql = deps.db.sql;
  const state: AuthState = {
    deps,
    sql,
    stats: newStats(),
    limits: {
      anonymous: createRateLimiter(deps.env.STACK_AUTH_ANONYMOUS_PER_HOUR, HOUR),
      signIn: createRateLimiter(deps.env.STACK_AUTH_SIGN_IN_PER_5_MIN, 5 * 60_000),
    },
  };

  return {
    name: "auth",
    prefix: "/auth/v1",
    handle: (req, res, path, url) => handle(state, req, res, path, url),
    async health(): Promise<ServiceHealth> {
      const started = performance.now();
      try {
        await state.sql`select 1 from auth.users limit 1`;
        return { status: "ok", latency_ms: Math.round((performance.now() - started) * 100) / 100 };
      } catch (error) {
        return { status: "down", detail: { error: String(error) } };
      }
    },
    stats: () => ({ ...state.stats }),
    async stop() {
      state.limits.anonymous.stop();
      state.limits.signIn.stop();
      if (sql !== deps.db.sql) await sql.end({ timeout: 2 });
    },
  };
}

async function handle(state: AuthState, req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
  const origin = requestOrigin(req, state.deps.env.STACK_HOST, state.deps.env.STACK_API_PORT);
  const userAgent = req.headers["user-agent"];
  const r: AuthRequest = {
    state,
    req,
    res,
    url,
    path: path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path,
    params: [],
    ip: clientIp(req),
    origin,
    issuer: `${origin}/auth/v1`,
    userAgent: typeof userAgent === "string" ? userAgent : null,
  };
  try {
    if (req.method === "OPTIONS") return sendPreflight(r);
    const route = findRoute(r);
    if (!route.open) await checkApiKey(r);
    await route.handler(r);
  } catch (error) {
    const known = toAuthError(error);
    if (known) {
      state.stats.failures += known.status < 500 ? 1 : 0;
      state.stats.rate_limited += known.status === 429 ? 1 : 0;
      if (!res.headersSent) sendAuthError(r, known);
      return;
    }
    state.stats.errors += 1;
    state.deps.log.error("auth request failed", { method: req.method, path: r.path, error: String(error) });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendAuthError(
      r,
      new AuthError(500, "unexpected_failure", "Unexpected failure, please check server logs for more information"),
    );
  }
}

function findRoute(r: AuthRequest): Route {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.path.exec(r.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== r.req.method) continue;
    r.params = match.slice(1).map(safeDecode);
    return route;
  }
  if (pathMatched) throw new AuthError(405, "method_not_allowed", `Method ${r.req.method} is not allowed on ${r.path}`);
  throw new AuthError(404, "not_found", `No Auth endpoint at /auth/v1${r.path}`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
