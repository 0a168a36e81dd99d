import { createServer, connect, type Server, type Socket } from "node:net";

export type ProxyMode = { kind: "pass" } | { kind: "refuse" } | { kind: "delay"; ms: number };

/**
 * A TCP proxy that injects faults between a client and a server: `pass` forwards bytes, `refuse` cuts
 * every open connection and stops listening (new connections get ECONNREFUSED, as from a dead server),
 * `delay` holds every chunk for N ms in both directions (a slow server: the client's timeouts fire).
 * TCP-level, so it works alike for HTTP, keep-alive and WebSockets.
 */
export class FaultProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private mode: ProxyMode = { kind: "pass" };
  /** Chunks sent by clients, per mode at the time (keep-alive connections outlive a mode change). */
  readonly chunks: Record<string, number> = {};

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  async setMode(mode: ProxyMode): Promise<void> {
    this.mode = mode;
    if (mode.kind === "refuse") {
      for (const socket of this.open) socket.destroy();
      this.open.clear();
      const server = this.server;
      this.server = null;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    } else {
      await this.start();
    }
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream, true);
    this.pipe(upstream, client, false);
  }

  private pipe(from: Socket, to: Socket, fromClient: boolean): void {
    from.on("data", (chunk: Buffer) => {
      const mode = this.mode;
      if (fromClient) this.chunks[mode.kind] = (this.chunks[mode.kind] ?? 0) + 1;
      if (mode.kind === "delay") setTimeout(() => to.destroyed || to.write(chunk), mode.ms);
      else if (!to.destroyed) to.write(chunk);
    });
    from.on("end", () => {
      const wait = this.mode.kind === "delay" ? this.mode.ms : 0;
      setTimeout(() => to.destroyed || to.end(), wait);
    });
  }

  async stop(): Promise<void> {
    await this.setMode({ kind: "refuse" });
  }
}
