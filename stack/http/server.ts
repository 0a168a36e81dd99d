import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../log";
import type { HttpService } from "../service";
import { HttpError, sendJson } from "./json";

/**
 * The HTTP server that mounts services under their prefixes (and WebSocket upgrades for those that take
 * them). `extra` answers paths of the stack itself, such as /health, before the services are consulted.
 */
export function createServiceServer(
  services: HttpService[],
  log: Logger,
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>,
): Server {
  const server = createServer((req, res) => void route(req, res));
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://stack");
    const service = services.find((s) => s.upgrade && matches(url.pathname, s.prefix));
    if (!service?.upgrade) {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    service.upgrade(req, socket, head, url.pathname.slice(service.prefix.length) || "/", url);
  });
  // Many phones, few requests each: keep-alive sockets must not pile up or time out mid-game.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stack");
    try {
      if (extra && (await extra(req, res, url))) return;
      const service = services.find((s) => matches(url.pathname, s.prefix));
      if (!service) {
        sendJson(res, 404, { message: `No service at ${url.pathname}` });
        return;
      }
      await service.handle(req, res, url.pathname.slice(service.prefix.length) || "/", url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendJson(res, error.status, error.body, error.headers);
        return;
      }
      log.error("unhandled request error", { path: url.pathname, error: String(error) });
      sendJson(res, 500, { message: "Internal error" });
    }
  }
}

function matches(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
