import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { sendJson } from "../http/json";
import type { VerifiedClaims } from "../keys";
import type { HttpService, ServiceDeps } from "../service";
import { RlsAuthorizer } from "./authorization";
import { ChannelRegistry } from "./channel-registry";
import { DEFAULT_REALTIME_OPTIONS, type RealtimeCore, type RealtimeOptions } from "./core";
import { createHttpBroadcast, type LocalBroadcast } from "./http-broadcast";
import { negotiateVsn, type Vsn } from "./serializer";
import { SocketSession } from "./socket-session";
import { TokenVerifier } from "./tokens";
import { RealtimeStats } from "./stats";

/**
 * The local Supabase Realtime: Phoenix channels over WebSocket at `/realtime/v1/websocket` (broadcast,
 * presence, private channels authorized by RLS on realtime.messages) and the HTTP broadcast endpoints.
 * Postgres changes are acknowledged at join but not streamed (PubQuiz uses broadcast only).
 */
export type RealtimeService = HttpService & {
  /** Broadcast from inside the process, as the batch HTTP endpoint would; returns deliveries. */
  broadcastLocal(message: LocalBroadcast): number;
  /**
   * Drops every socket (fault tests: a realtime restart). Clients reconnect and rejoin by themselves.
   * `refuseMs`: like a service that is still starting, new connections get a 503 for that long.
   */
  disconnectAll(options?: { abrupt?: boolean; refuseMs?: number }): number;
  /** The stack's metrics watch every fan-out (duration in ms, sockets written to). */
  observeFanOut(fn: (ms: number, delivered: number) => void): void;
};

// Async by contract: stack.ts awaits every service factory.
// eslint-disable-next-line @typescript-eslint/require-await
export async function createRealtimeService(
  deps: ServiceDeps,
  overrides: Partial<RealtimeOptions> = {},
): Promise<RealtimeService> {
  const options: RealtimeOptions = { ...DEFAULT_REALTIME_OPTIONS, ...overrides };
  const stats = new RealtimeStats();
  stats.start();
  const pglite = deps.db.backend === "pglite";
  const core: RealtimeCore = {
    keys: deps.keys,
    registry: new ChannelRegistry(
      stats,
      options.maxBufferedBytes,
      options.presenceDiffWindowMs,
      options.directFrameWrites,
    ),
    stats,
    tokens: new TokenVerifier(deps.keys),
    rls: new RlsAuthorizer(deps.db.sql, stats, deps.log, pglite ? 1 : 4, pglite),
    log: deps.log,
    options,
  };
  const http = createHttpBroadcast(core);
  const sessions = new Set<SocketSession>();
  let refuseUntil = 0;
  // Compression off: frames are shared between thousands of sockets and deflate would redo the work per
  // socket (and hold a zlib context each). maxPayload makes ws close oversized frames with 1009.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: options.maxFrameBytes,
    clientTracking: false,
  });

  const idleSweep = setInterval(
    () => {
      const cutoff = Date.now() - options.idleTimeoutMs;
      for (const session of sessions) {
        if (session.lastSeen < cutoff) {
          session.ws.terminate();
          session.cleanup();
        }
      }
    },
    Math.min(10_000, Math.max(100, options.idleTimeoutMs / 2)),
  );
  idleSweep.unref();

  function accept(ws: WebSocket, vsn: Vsn, apikey: string, claims: VerifiedClaims): void {
    const session = new SocketSession(core, ws, vsn, apikey, claims);
    sessions.add(session);
    stats.connections++;
    stats.connectionsTotal++;
    ws.on("message", (data, isBinary) => session.onFrame(data as Buffer, isBinary));
    ws.on("error", (error) => deps.log.debug("realtime socket error", { error: String(error) }));
    ws.on("close", () => {
      session.cleanup();
      if (sessions.delete(session)) stats.connections--;
    });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, url: URL): Promise<void> {
    // Until ws owns the socket, a reset by the peer must not become an uncaught 'error'.
    socket.on("error", () => socket.destroy());
    if (path !== "/websocket" && path !== "/websocket/") return refuse(socket, 404, "Not found");
    if (Date.now() < refuseUntil) return refuse(socket, 503, "Realtime is restarting");
    const vsn = negotiateVsn(url.searchParams.getAll("vsn"));
    if (!vsn) return refuse(socket, 403, "Unsupported serializer version");
    // Supabase reads the `x-api-key` header first, then the `apikey` query parameter.
    const header = req.headers["x-api-key"];
    const apikey = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey");
    if (!apikey) return refuse(socket, 401, "API key is missing");
    const check = await core.tokens.check(apikey);
    if (!check.ok) return refuse(socket, 401, check.code === "expired" ? "Token has expired" : check.message);
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, vsn, apikey, check.claims));
  }

  function refuse(socket: Duplex, status: number, error: string): void {
    stats.connectionsRefused++;
    if (socket.destroyed) return;
    const body = JSON.stringify({ error });
    const reason =
      status === 401
        ? "Unauthorized"
        : status === 403
          ? "Forbidden"
          : status === 503
            ? "Service Unavailable"
            : "Not Found";
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  function disconnectAll(opts: { abrupt?: boolean; refuseMs?: number } = {}): number {
    refuseUntil = Date.now() + (opts.refuseMs ?? 0);
    const all = [...sessions];
    for (const session of all) {
      if (opts.abrupt) session.ws.terminate();
      else session.ws.close(1012, "service restart");
      session.cleanup();
      sessions.delete(session);
      stats.connections--;
    }
    return all.length;
  }

  return {
    name: "realtime",
    prefix: "/realtime/v1",
    async handle(req, res, path, url) {
      if (path.startsWith("/api/broadcast")) return http.handle(req, res, path, url);
      // Supabase Realtime's ping (its PingController): what the app's /api/health polls, on hosted and here.
      if (path === "/api/ping" && req.method === "GET") return sendJson(res, 200, { message: "Success" });
      sendJson(res, 404, { message: `No realtime endpoint at ${path}` });
    },
    upgrade(req, socket, head, path, url) {
      upgrade(req, socket, head, path, url).catch((error: unknown) => {
        deps.log.error("realtime upgrade failed", { error: String(error) });
        socket.destroy();
      });
    },
    health() {
      return Promise.resolve({
        status: "ok" as const,
        detail: { connections: stats.connections, channels: core.registry.topicCount, joins: stats.joins },
      });
    },
    stats: () => stats.snapshot({ channels: core.registry.topicCount }),
    broadcastLocal: http.broadcastLocal,
    disconnectAll,
    observeFanOut(fn) {
      stats.onFanOut = fn;
    },
    async stop() {
      clearInterval(idleSweep);
      stats.stop();
      disconnectAll({ abrupt: true });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
