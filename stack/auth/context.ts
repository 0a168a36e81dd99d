import type { IncomingMessage, ServerResponse } from "node:http";
import type { Sql } from "../postgres/database";
import type { ServiceDeps } from "../service";
import type { RateLimiter } from "./rate-limit";

/** What every route handler of the Auth service gets: the service's state and the request at hand. */

export type AuthStats = {
  sign_ups: number;
  anonymous_sign_ins: number;
  password_sign_ins: number;
  otp_sign_ins: number;
  otp_sent: number;
  refreshes: number;
  refresh_reuses: number;
  logouts: number;
  /** Requests answered with a 4xx. */
  failures: number;
  /** Of those, 429s. */
  rate_limited: number;
  /** Requests answered with a 5xx. */
  errors: number;
};

export type AuthState = {
  deps: ServiceDeps;
  sql: Sql;
  stats: AuthStats;
  limits: { anonymous: RateLimiter; signIn: RateLimiter };
};

export type AuthRequest = {
  state: AuthState;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path below /auth/v1, e.g. `/token`. */
  path: string;
  /** Capture groups of the matched route. */
  params: string[];
  ip: string;
  /** The origin the client used to reach the stack, e.g. `http://127.0.0.1:54321`. */
  origin: string;
  /** `iss` of the tokens issued for this request: `<origin>/auth/v1`. */
  issuer: string;
  userAgent: string | null;
};

export function newStats(): AuthStats {
  return {
    sign_ups: 0,
    anonymous_sign_ins: 0,
    password_sign_ins: 0,
    otp_sign_ins: 0,
    otp_sent: 0,
    refreshes: 0,
    refresh_reuses: 0,
    logouts: 0,
    failures: 0,
    rate_limited: 0,
    errors: 0,
  };
}

/** The client's address as the socket sees it: the stack is reached directly, so no proxy header is trusted. */
export function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

// A Host header ends up inside signed tokens and redirects: accept host[:port] characters only.
const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The origin the client used, from the Host header (falling back to the configured address). */
export function requestOrigin(req: IncomingMessage, fallbackHost: string, fallbackPort: number): string {
  const host = req.headers.host;
  const forwardedProto = req.headers["x-forwarded-proto"];
  const proto = forwardedProto === "https" ? "https" : "http";
  if (host && HOST_PATTERN.test(host)) return `${proto}://${host}`;
  return `http://${fallbackHost}:${fallbackPort}`;
}
