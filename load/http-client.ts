import http from "node:http";
import https from "node:https";
import { ApiError } from "@/lib/client/api";

export type HttpResult<T> = { status: number; body: T; date: string | undefined };

/**
 * The tool's one HTTP client for the app's API: keep-alive sockets (as a phone's browser keeps them), JSON
 * in and out, errors as the app's own ApiError so lib/client/deliver-answer.ts retries exactly as in the
 * browser. The ceiling probe uses the same client, so the two rates compare like with like.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly transport: typeof http | typeof https;

  constructor(baseUrl: string, options: { maxSockets?: number } = {}) {
    this.base = new URL(baseUrl);
    this.transport = this.base.protocol === "https:" ? https : http;
    const AgentClass = this.base.protocol === "https:" ? https.Agent : http.Agent;
    // Every idle socket is kept, as each phone keeps its own connection (Node's default keeps 256 per client,
    // and would make most simulated phones reconnect for every answer).
    this.agent = new AgentClass({
      keepAlive: true,
      maxSockets: options.maxSockets ?? Infinity,
      maxFreeSockets: 100_000,
    });
  }

  /** Resolves for 2xx; throws ApiError (status 0 for network failures) otherwise. */
  async json<T>(
    path: string,
    options: { method?: "GET" | "POST"; body?: unknown; token?: string; timeoutMs?: number } = {},
  ): Promise<HttpResult<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const { status, text, date } = await this.exchange(path, payload, options);
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (status < 200 || status >= 300) {
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(status, error?.code ?? `http_${status}`, error?.message ?? text.slice(0, 200));
    }
    return { status, body: body as T, date };
  }

  /** A GET whose body is not JSON (the metrics text): resolves for 2xx, throws ApiError otherwise. */
  async text(path: string, options: { token?: string; timeoutMs?: number } = {}): Promise<HttpResult<string>> {
    const { status, text, date } = await this.exchange(path, undefined, options);
    if (status < 200 || status >= 300) throw new ApiError(status, `http_${status}`, text.slice(0, 200));
    return { status, body: text, date };
  }

  private exchange(
    path: string,
    payload: string | undefined,
    options: { method?: "GET" | "POST"; token?: string; timeoutMs?: number },
  ) {
    const url = new URL(path, this.base);
    return this.send(url, payload, options)
      .catch((error: unknown) => {
        // A keep-alive socket the server closed while idle fails at once; browsers resend on a new
        // connection (not another pooled socket, which may be just as stale on a busy event loop).
        if ((error as { isReusedSocket?: boolean }).isReusedSocket)
          return this.send(url, payload, { ...options, freshConnection: true });
        throw error;
      })
      .catch((error: unknown) => {
        const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
        throw new ApiError(0, "network", reason);
      });
  }

  private send(
    url: URL,
    payload: string | undefined,
    options: { method?: "GET" | "POST"; token?: string; timeoutMs?: number; freshConnection?: boolean },
  ) {
    let responded = false;
    return new Promise<{ status: number; text: string; date?: string }>((resolve, reject) => {
      const req = this.transport.request(
        url,
        {
          method: options.method ?? (payload === undefined ? "GET" : "POST"),
          agent: options.freshConnection ? false : this.agent,
          headers: {
            accept: "application/json",
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          // Generous, like a browser's fetch (which has none): a short one would turn a slow server into retries.
          timeout: options.timeoutMs ?? 60_000,
        },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              date: res.headers.date,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("request timed out")));
      req.on("error", (error) => reject(Object.assign(error, { isReusedSocket: req.reusedSocket && !responded })));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
